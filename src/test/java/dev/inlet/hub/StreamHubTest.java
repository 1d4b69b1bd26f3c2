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

        assertThat(player.frames).extracting(MediaFrame::body)
                .containsExactly(meta.body(), avc.body(), aac.body(), key2.body(), audio.body(), inter.body());
        assertThat(player.frames.subList(3, 6)).containsExactly(key2, audio, inter);
    }

    @Test
    void theSetUpReachesAJoinerAtTheTimeOfTheFirstFrameAfterIt() {
        hub.publish(MediaFrame.metadata(0, new byte[]{1}));
        hub.publish(MediaFrame.video(0, new byte[]{2}, true, true));
        hub.publish(MediaFrame.audio(0, new byte[]{3}, true));
        hub.publish(MediaFrame.video(3_600_000, new byte[]{10}, true, false));
        hub.publish(MediaFrame.video(3_600_040, new byte[]{11}, false, false));

        Recording first = new Recording();
        Recording second = new Recording();
        hub.subscribe(first);
        hub.subscribe(second);

        assertThat(first.frames).extracting(MediaFrame::timestamp)
                .as("the metadata keeps its time; the sequence headers take the key frame's")
                .containsExactly(0L, 3_600_000L, 3_600_000L, 3_600_000L, 3_600_040L);
        assertThat(second.frames.get(1)).as("joiners share the stamped set-up").isSameAs(first.frames.get(1));
    }

    @Test
    void withoutACachedGopTheSetUpIsStampedWithTheLatestFrame() {
        StreamHub tiny = new StreamHub("tiny", 3);
        tiny.publish(MediaFrame.video(0, new byte[]{2}, true, true));
        tiny.publish(MediaFrame.video(7_000, new byte[]{1, 2, 3, 4}, true, false)); // overflows the cache
        Recording player = new Recording();
        tiny.subscribe(player);

        assertThat(player.frames).extracting(MediaFrame::timestamp).containsExactly(7_000L);
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

    @Test
    void aPlayerThatFallsBehindSkipsToTheNextKeyframeWithAudioAndVideoTogether() {
        long[] now = {0};
        StreamHub hub = new StreamHub("bp", 1_000_000, new BackPressure(1000, java.time.Duration.ofSeconds(10)), () -> now[0]);
        hub.publish(MediaFrame.video(0, new byte[]{1}, true, true));
        hub.publish(MediaFrame.video(0, new byte[]{2}, true, false));
        Recording player = new Recording();
        Subscription subscription = hub.subscribe(player);
        player.frames.clear();

        player.backlog = 5000; // the player's socket is backed up
        hub.publish(MediaFrame.video(40, new byte[]{3}, false, false));
        hub.publish(MediaFrame.audio(45, new byte[]{4}, false));
        hub.publish(MediaFrame.video(80, new byte[]{5}, true, false)); // still backed up: skipped too
        player.backlog = 400;                                      // drained below half the bound
        hub.publish(MediaFrame.audio(85, new byte[]{6}, false));   // not a keyframe: keeps skipping
        hub.publish(MediaFrame.video(120, new byte[]{7}, false, false));
        MediaFrame key = MediaFrame.video(160, new byte[]{8}, true, false);
        MediaFrame audioAfter = MediaFrame.audio(165, new byte[]{9}, false);
        hub.publish(key);
        hub.publish(audioAfter);

        assertThat(player.frames).containsExactly(key, audioAfter);
        assertThat(subscription.framesSkipped()).isEqualTo(5);
        assertThat(hub.stats().framesSkipped()).isEqualTo(5);
        assertThat(player.endReason).isNull();
    }

    @Test
    void aPlayerThatStaysBehindIsDisconnectedAfterTheMaximumLag() {
        long[] now = {0};
        StreamHub hub = new StreamHub("bp", 1_000_000, new BackPressure(1000, java.time.Duration.ofSeconds(10)), () -> now[0]);
        Recording stalled = new Recording();
        Recording healthy = new Recording();
        hub.subscribe(stalled);
        hub.subscribe(healthy);
        stalled.backlog = 1_000_000;
        for (int i = 0; i <= 12; i++) {
            now[0] = i * 1_000_000_000L;
            hub.publish(MediaFrame.video(i * 1000L, new byte[]{1}, true, false));
        }

        assertThat(stalled.endReason).contains("behind");
        assertThat(hub.subscriberCount()).isEqualTo(1);
        assertThat(hub.stats().slowDisconnects()).isEqualTo(1);
        assertThat(healthy.frames).hasSize(13);
    }

    @Test
    void thePublisherNeverWaitsForASubscriberThatNeverReads() {
        StreamHub hub = new StreamHub("bp", 1_000_000, new BackPressure(1000, java.time.Duration.ofSeconds(10)), System::nanoTime);
        Recording neverReads = new Recording();
        neverReads.backlog = Long.MAX_VALUE;
        hub.subscribe(neverReads);
        for (int i = 0; i < 100_000; i++) {
            hub.publish(MediaFrame.video(i, new byte[100], i % 50 == 0, false));
        }
        // 100,000 frames went through without a single one being queued for the stuck player
        assertThat(neverReads.frames).isEmpty();
        assertThat(hub.stats().framesIn()).isEqualTo(100_000);
        assertThat(hub.stats().framesSkipped()).isEqualTo(100_000);
    }

    private static final class Recording implements Subscriber {
        final List<MediaFrame> frames = new ArrayList<>();
        String endReason;
        boolean accept = true;
        long backlog;

        @Override
        public long backlogBytes() {
            return backlog;
        }

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
