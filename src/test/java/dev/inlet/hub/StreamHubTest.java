package dev.inlet.hub;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamHubTest {

    private final StreamHub hub = new StreamHub("demo", 1_000_000);

    @Test
    void lateJoinerGetsMetadataConfigsAndCurrentGopFromItsKeyframe() {
        MediaFrame meta = MediaFrame.metadata(0, new byte[]{1});
        MediaFrame avc = MediaFrame.video(0, new byte[]{2}, true, true);
        MediaFrame aac = MediaFrame.audio(0, new byte[]{3}, true);
        hub.publish(meta);
        hub.publish(avc);
        hub.publish(aac);
        hub.publish(MediaFrame.video(0, new byte[]{10}, true, false));
        hub.publish(MediaFrame.video(40, new byte[]{11}, false, false));
        MediaFrame key2 = MediaFrame.video(80, new byte[]{20}, true, false);
        MediaFrame audio = MediaFrame.audio(90, new byte[]{21}, false);
        MediaFrame inter = MediaFrame.video(120, new byte[]{22}, false, false);
        hub.publish(key2);
        hub.publish(audio);
        hub.publish(inter);

        Recording player = new Recording();
        hub.subscribe(player);

        assertThat(player.frames).containsExactly(meta, avc, aac, key2, audio, inter);
    }

    @Test
    void liveFramesFollowTheCatchUpInOrder() {
        hub.publish(MediaFrame.video(0, new byte[]{2}, true, true));
        hub.publish(MediaFrame.video(0, new byte[]{10}, true, false));
        Recording player = new Recording();
        hub.subscribe(player);
        MediaFrame next = MediaFrame.video(40, new byte[]{11}, false, false);
        hub.publish(next);

        assertThat(player.frames).hasSize(3).last().isEqualTo(next);
    }

    @Test
    void joinerWithoutCachedGopWaitsForTheNextKeyframe() {
        StreamHub tiny = new StreamHub("tiny", 3);
        tiny.publish(MediaFrame.video(0, new byte[]{2}, true, true));
        tiny.publish(MediaFrame.video(0, new byte[]{1, 2, 3, 4}, true, false)); // overflows the cache
        Recording player = new Recording();
        tiny.subscribe(player);
        tiny.publish(MediaFrame.video(40, new byte[]{5}, false, false));
        MediaFrame key = MediaFrame.video(80, new byte[]{6}, true, false);
        tiny.publish(key);

        assertThat(player.frames).extracting(MediaFrame::timestamp).containsExactly(0L, 80L);
        assertThat(player.frames.get(1)).isEqualTo(key);
    }

    @Test
    void gopCacheIsBoundedInBytes() {
        StreamHub small = new StreamHub("small", 10);
        small.publish(MediaFrame.video(0, new byte[6], true, false));
        small.publish(MediaFrame.video(40, new byte[6], false, false));

        assertThat(small.catchUpFrames()).isEmpty();
        small.publish(MediaFrame.video(80, new byte[6], true, false));
        assertThat(small.catchUpFrames()).hasSize(1);
    }

    @Test
    void endTellsEverySubscriberAndRefusesNewOnes() {
        Recording a = new Recording();
        Recording b = new Recording();
        hub.subscribe(a);
        hub.subscribe(b);
        hub.end("publisher left");

        assertThat(a.endReason).isEqualTo("publisher left");
        assertThat(b.endReason).isEqualTo("publisher left");
        assertThat(hub.subscriberCount()).isZero();
        assertThatThrownBy(() -> hub.subscribe(new Recording())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void subscriberThatRefusesAFrameIsDetached() {
        Recording gone = new Recording();
        gone.accept = false;
        hub.subscribe(gone);
        hub.publish(MediaFrame.audio(0, new byte[]{1}, false));

        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void cancelledSubscriptionGetsNothingMore() {
        Recording player = new Recording();
        Subscription subscription = hub.subscribe(player);
        subscription.cancel();
        hub.publish(MediaFrame.audio(0, new byte[]{1}, false));

        assertThat(player.frames).isEmpty();
    }

    @Test
    void hubsReplaceAnEarlierPublishOfTheSameName() {
        StreamHubs hubs = new StreamHubs(1000);
        StreamHub first = hubs.open("x");
        StreamHub second = hubs.open("x");

        assertThat(first.isEnded()).isTrue();
        assertThat(hubs.live("x")).containsSame(second);
        hubs.close(first, "late close of the old one");
        assertThat(hubs.live("x")).containsSame(second);
        hubs.close(second, "done");
        assertThat(hubs.live("x")).isEmpty();
    }

    private static final class Recording implements Subscriber {
        final List<MediaFrame> frames = new ArrayList<>();
        String endReason;
        boolean accept = true;

        @Override
        public boolean onFrame(MediaFrame frame) {
            if (accept) {
                frames.add(frame);
            }
            return accept;
        }

        @Override
        public void onEnd(String reason) {
            endReason = reason;
        }
    }
}
