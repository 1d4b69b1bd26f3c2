package dev.inlet.relay;

import dev.inlet.hub.MediaFrame;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A relay's queue and retries without a working target: memory stays bounded, the publisher never waits. */
class RelayPusherTest {

    private static RelayTarget target(int port) {
        return new RelayTarget("00000000-0000-0000-0000-000000000001", "show", "rtmp://127.0.0.1:" + port + "/live",
                "key", "k", true, Instant.now());
    }

    @Test
    void aTargetThatCannotBeReachedHoldsAtMostItsQueueAndIsRetriedWithADoublingBackoff() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<RelayStatus> changes = new CopyOnWriteArrayList<>();
        RelayPusher pusher = new RelayPusher(target(closedPort), (t, status) -> changes.add(status), Clock.systemUTC(),
                Executors.defaultThreadFactory(), Duration.ofMillis(100));
        pusher.start();
        try {
            byte[] header = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f};
            pusher.writeFrame(MediaFrame.video(0, header, true, true));
            long started = System.nanoTime();
            for (int i = 0; i < 400; i++) { // 40 MB, five times the queue
                pusher.writeFrame(MediaFrame.video(i * 40L, new byte[100_000], i % 50 == 0, false));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as("the publisher never waited for the target").isLessThan(2_000);
            assertThat(pusher.queuedBytes()).isLessThanOrEqualTo(RelayPusher.MAX_QUEUED_BYTES + 100_000);
            assertThat(pusher.skippedFrames()).as("what did not fit was dropped").isPositive();

            await().atMost(Duration.ofSeconds(10)).until(() -> changes.stream()
                    .filter(c -> c.state() == RelayState.FAILED).count() >= 3);
            List<Long> retries = changes.stream().filter(c -> c.state() == RelayState.FAILED)
                    .map(RelayStatus::retryInSeconds).toList();
            assertThat(changes.get(changes.size() - 1).reason()).as("why it failed").isNotBlank();
            assertThat(retries).as("retry delays in whole seconds, never shrinking").isSorted();
        } finally {
            pusher.stop("test over", Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> pusher.status().state() == RelayState.IDLE);
        assertThat(pusher.isOpen()).isFalse();
    }
}
