package dev.inlet.core;

import dev.inlet.hub.MediaFrame;
import dev.inlet.hub.StreamHub;
import dev.inlet.hub.Subscriber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A failover between two multitrack inputs: players get the new input's headers of every track first. */
class StreamInputsMultitrackTest {

    private final StreamInputs inputs = new StreamInputs("multi", new StreamInputs.Observer() {
        @Override
        public void stateChanged(String streamCode, StreamState from, StreamState to) {
        }

        @Override
        public void switched(String streamCode, InputSwitch change) {
        }
    });

    @Test
    void atASwitchEveryTrackOfTheNewInputIsConfiguredBeforeItsFirstFrame() {
        StreamHub hub = new StreamHub("multi", 1_000_000);
        inputs.inputStarted(StreamInputs.localSlot(1), hub);
        inputs.onFrame(StreamInputs.localSlot(1), MediaFrame.video(0, hex("90 61766331 01640000"), false, true));
        inputs.onFrame(StreamInputs.localSlot(1), MediaFrame.video(40, hex("91 61766331 000000 AA"), true, false));
        List<MediaFrame> received = new ArrayList<>();
        hub.subscribe(new Subscriber() {
            @Override
            public boolean onFrame(MediaFrame frame) {
                received.add(frame);
                return true;
            }

            @Override
            public void onEnd(String reason) {
            }
        });
        inputs.inputStarted(StreamInputs.localSlot(2), hub);
        MediaFrame backupDefault = MediaFrame.video(0, hex("90 61766331 01640010"), false, true);
        MediaFrame backupTrack1 = MediaFrame.parse(MediaFrame.Kind.VIDEO.tagType, hex("96 00 61766331 01 01640011"), 0);
        inputs.onFrame(StreamInputs.localSlot(2), backupDefault);
        inputs.onFrame(StreamInputs.localSlot(2), backupTrack1);
        received.clear();

        assertThat(inputs.inputEnded(StreamInputs.localSlot(1), "timeout")).isFalse();
        inputs.onFrame(StreamInputs.localSlot(2), MediaFrame.video(80, hex("91 61766331 000000 BB"), true, false));

        assertThat(received).extracting(frame -> frame.body() != null ? frame.body() : frame.multitrackBody())
                .containsExactly(backupDefault.body(), backupTrack1.multitrackBody(), hex("91 61766331 000000 BB"));
        assertThat(received).allSatisfy(frame -> assertThat(frame.timestamp()).isEqualTo(41));
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
