package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A player that stops reading, over real sockets: once Inlet closes it as {@code slow_peer}, its connection is
 * gone within a second although the player still reads nothing — the queued bytes are dropped and the socket
 * reset, not left to drain into a peer that may never read them.
 */
class AbortiveCloseLoopbackTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;

    @BeforeEach
    void start() {
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withMaxWriteQueueBytes(256 * 1024), registry, Executors.defaultThreadFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aSlowPlayersConnectionIsGoneWithinASecondOfItsClose() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        try (RtmpClient publisher = Loopback.client(server, null);
             RtmpClient stalled = Loopback.client(server, message -> awaitQuietly(reading))) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            Loopback.awaitLive(server);
            stalled.play(stalled.createStream(), "demo");
            assertThat(server.openConnections()).isEqualTo(2);

            long timestamp = 0;
            while (!server.closeReasons().containsKey("slow_peer") && timestamp < 60_000) {
                publisher.sendMedia(stream, MessageTypes.VIDEO, timestamp, Loopback.avcFrame(timestamp % 2000 == 0, 50_000));
                timestamp += 40;
            }
            assertThat(server.closeReasons()).containsEntry("slow_peer", 1L);

            await("the slow player's connection released while it still reads nothing").atMost(WITHIN_A_SECOND)
                    .until(() -> server.openConnections() == 1 && server.players().isEmpty());
            reading.countDown();
            assertThat(stalled.awaitServerClose(WITHIN_A_SECOND)).isTrue();
            assertThat(stalled.readFailure()).as("the unsent bytes were dropped: the player gets a reset")
                    .isInstanceOf(SocketException.class).hasMessageContaining("reset");
            assertThat(server.isLive("demo")).as("the publisher goes on").isTrue();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(); // the player's reader stops here: its socket fills, then the server's queue
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
