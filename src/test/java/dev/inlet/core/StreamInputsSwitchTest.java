package dev.inlet.core;

import dev.inlet.hub.MediaFrame;
import dev.inlet.hub.StreamHub;
import dev.inlet.hub.Subscriber;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a real change of source is recorded (and counted) as a switch; a stream that starts again is not one. */
class StreamInputsSwitchTest {

    private static final byte[] AVC_HEADER = HexFormat.of().parseHex("1700000000016400" + "1fffe10004" + "6764001f");

    private final List<InputSwitch> switches = new CopyOnWriteArrayList<>();
    private final StreamInputs inputs = new StreamInputs("demo", new StreamInputs.Observer() {
        @Override
        public void stateChanged(String streamCode, StreamState from, StreamState to) {
        }

        @Override
        public void switched(String streamCode, InputSwitch change) {
            switches.add(change);
        }
    });

    @Test
    void aPublishAfterTheStreamEndedIsAFreshStartNotAFailover() {
        StreamHub first = new StreamHub("demo", 1_000_000);
        inputs.inputStarted(StreamInputs.localSlot(1), first);
        publishSomeFrames(StreamInputs.localSlot(1), 0);
        assertThat(inputs.inputEnded(StreamInputs.localSlot(1), "unpublish")).isTrue();
        inputs.endPlayback().end("publisher of demo has gone");

        StreamHub second = new StreamHub("demo", 1_000_000);
        assertThat(inputs.needsHub()).isTrue();
        inputs.inputStarted(StreamInputs.localSlot(1), second);
        publishSomeFrames(StreamInputs.localSlot(1), 0);

        assertThat(inputs.isActive(StreamInputs.localSlot(1))).isTrue();
        assertThat(switches).isEmpty();
        assertThat(inputs.status().switches()).isEmpty();
    }

    @Test
    void anEncoderThatComesBackWithinTheGraceWhilePlayersWaitIsAReconnect() {
        StreamHub hub = new StreamHub("demo", 1_000_000);
        inputs.inputStarted(StreamInputs.localSlot(1), hub);
        publishSomeFrames(StreamInputs.localSlot(1), 0);
        hub.subscribe(new Subscriber() {
            @Override
            public boolean onFrame(MediaFrame frame) {
                return true;
            }

            @Override
            public void onEnd(String reason) {
            }
        });
        assertThat(inputs.inputEnded(StreamInputs.localSlot(1), "timeout")).isTrue();

        assertThat(inputs.needsHub()).isFalse();
        inputs.inputStarted(StreamInputs.localSlot(1), hub);
        publishSomeFrames(StreamInputs.localSlot(1), 0);

        assertThat(switches).singleElement().satisfies(change -> {
            assertThat(change.reason()).isEqualTo("reconnect");
            assertThat(change.toPriority()).isEqualTo(1);
        });
    }

    @Test
    void aBackupTakingOverIsAFailover() {
        StreamHub hub = new StreamHub("demo", 1_000_000);
        inputs.inputStarted(StreamInputs.localSlot(1), hub);
        publishSomeFrames(StreamInputs.localSlot(1), 0);
        inputs.inputStarted(StreamInputs.localSlot(2), hub);
        publishSomeFrames(StreamInputs.localSlot(2), 0);
        assertThat(inputs.inputEnded(StreamInputs.localSlot(1), "error")).isFalse();
        publishSomeFrames(StreamInputs.localSlot(2), 80);

        assertThat(switches).singleElement().satisfies(change -> {
            assertThat(change.fromPriority()).isEqualTo(1);
            assertThat(change.toPriority()).isEqualTo(2);
            assertThat(change.reason()).isEqualTo("error");
        });
    }

    private void publishSomeFrames(int priority, long start) {
        inputs.onFrame(priority, MediaFrame.video(start, AVC_HEADER, false, true));
        inputs.onFrame(priority, MediaFrame.video(start, HexFormat.of().parseHex("1701000000000000016588"), true, false));
        inputs.onFrame(priority, MediaFrame.video(start + 40, HexFormat.of().parseHex("2701000000000000014188"), false, false));
    }
}
