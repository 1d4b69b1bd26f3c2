package dev.inlet.hub;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A player joining while the fan-out is held up by another player's slow write joins at once. */
class StreamHubFanOutTest {

    @Test
    void aJoinDoesNotWaitForTheFanOutAndGetsEveryFrameOnce() throws Exception {
        StreamHub hub = new StreamHub("demo", 1 << 20);
        hub.publish(MediaFrame.video(0, new byte[]{0x17, 1, 0, 0, 0, 1}, true, false));
        CountDownLatch inSlowWrite = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        hub.subscribe(new Subscriber() {
            @Override
            public boolean onFrame(MediaFrame frame) {
                if (frame.timestamp() == 33) {
                    inSlowWrite.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS); // a write that takes its time
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return true;
            }

            @Override
            public void onEnd(String reason) {
            }
        });
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(
                () -> hub.publish(MediaFrame.video(33, new byte[]{0x27, 1, 0, 0, 0, 2}, false, false)));
        assertThat(inSlowWrite.await(5, TimeUnit.SECONDS)).isTrue();

        List<Long> joined = new CopyOnWriteArrayList<>();
        CompletableFuture<Subscription> joining = CompletableFuture.supplyAsync(() -> hub.subscribe(new Subscriber() {
            @Override
            public boolean onFrame(MediaFrame frame) {
                joined.add(frame.timestamp());
                return true;
            }

            @Override
            public void onEnd(String reason) {
            }
        }));
        joining.get(2, TimeUnit.SECONDS); // not held up by the other player's write
        assertThat(hub.isEnded()).isFalse();
        release.countDown();
        publishing.get(5, TimeUnit.SECONDS);
        hub.publish(MediaFrame.video(66, new byte[]{0x27, 1, 0, 0, 0, 3}, false, false));

        // the frame in flight when it joined came with its catch-up, not a second time live
        assertThat(joined).containsExactly(0L, 33L, 66L);
    }
}
