package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PublishBlocking;
import dev.inlet.core.StreamKeys;

import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.session.ChunkStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each configurable limit closes only the offending connection, and is counted under its own reason. */
class ResourceLimitsLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void connectionsOverThePerAddressLimitAreClosedAtOnceAndTheSlotComesBack() throws Exception {
        start(settings -> settings.withConnections(100, 3));
        List<Socket> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            admitted.add(new Socket("127.0.0.1", server.boundPort()));
        }
        await(() -> server.openConnections() == 3);
        try (Socket refused = new Socket("127.0.0.1", server.boundPort())) {
            refused.setSoTimeout(5000);
            assertThatThrownBy(() -> refused.getInputStream().read()).as("reset: Inlet aborts")
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }
        assertThat(server.closeReasons()).containsEntry("too_many_connections_from_ip", 1L);
        admitted.remove(0).close();
        await(() -> server.openConnections() == 2);
        try (RtmpClient publisher = client()) {
            assertThat(publisher.publish(publisher.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
        }
        for (Socket socket : admitted) {
            socket.close();
        }
        await(() -> server.openConnections() == 0);
    }

    @Test
    void connectionsOverTheTotalLimitAreClosedAtOnce() throws Exception {
        start(settings -> settings.withConnections(2, 10));
        try (Socket first = new Socket("127.0.0.1", server.boundPort());
             Socket second = new Socket("127.0.0.1", server.boundPort());
             Socket third = new Socket("127.0.0.1", server.boundPort())) {
            third.setSoTimeout(5000);
            assertThatThrownBy(() -> third.getInputStream().read()).as("reset: Inlet aborts")
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
            assertThat(first.isClosed() || second.isClosed()).isFalse();
        }
        assertThat(server.closeReasons()).containsEntry("too_many_connections", 1L);
    }

    @Test
    void aCommandFloodClosesTheConnectionWhileOrdinaryClientsStayWithinTheBudget() throws Exception {
        start(settings -> settings.withCommandsPerSecond(5, 10));
        try (RtmpClient publisher = client()) {
            assertThat(publisher.publish(publisher.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
            try (RtmpClient flooder = client()) {
                for (int i = 0; i < 50 && !flooder.isClosedByServer(); i++) {
                    flooder.send(ChunkStreams.COMMAND, CommandMessage.of("_checkbw", 0, null).encode(0));
                }
                assertThat(flooder.awaitServerClose(TIMEOUT)).isTrue();
            } catch (IOException writeAfterClose) {
                // the server may close while the flood is still being written
            }
            assertThat(publisher.isClosedByServer()).isFalse();
        }
        assertThat(server.closeReasons()).containsEntry("command_flood", 1L);
    }

    @Test
    void aChunkSizeAboveTheLimitIsCountedUnderItsOwnName() throws Exception {
        start(settings -> settings.withMaxChunkSize(65_536).withConnections(100, 100).withPlayerLimits(0, 0));
        try (RtmpClient client = client()) {
            client.setChunkSize(65_536);
            client.createStream();
            client.setChunkSize(65_537);
            assertThat(client.awaitServerClose(TIMEOUT)).isTrue();
        }
        assertThat(server.closeReasons()).containsEntry("chunk_size_too_large", 1L);
    }

    @Test
    void repeatedUnknownKeysBlockTheAddressForAGrowingTimeUntilUnblocked() throws Exception {
        start(settings -> settings.withPublishBlocking(
                new PublishBlocking(3, Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(30))));
        for (int i = 0; i < 3; i++) {
            assertThat(publish("wrong-key-" + i).description()).contains("unknown stream key");
        }
        RtmpStatus blocked = publish(key);
        assertThat(blocked.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
        assertThat(blocked.description()).isEqualTo("too many failed attempts, try again in 2 s");
        assertThat(server.blockedAddresses()).singleElement()
                .satisfies(b -> assertThat(b.address()).isEqualTo("127.0.0.1"));
        assertThat(server.rejectReasons()).containsEntry("publish_blocked", 1L).containsEntry("publish_unknown_key", 3L);

        await(() -> server.blockedAddresses().isEmpty());
        for (int i = 0; i < 3; i++) {
            publish("wrong-again-" + i);
        }
        assertThat(publish(key).description()).as("the second block lasts twice as long")
                .isEqualTo("too many failed attempts, try again in 4 s");

        assertThat(server.unblock("127.0.0.1")).isTrue();
        assertThat(server.blockedAddresses()).isEmpty();
        assertThat(publish(key).code()).isEqualTo(NetStatus.PUBLISH_START);
        assertThat(server.unblock("127.0.0.1")).isFalse();
    }

    private RtmpStatus publish(String name) throws IOException {
        try (RtmpClient publisher = client()) {
            return publisher.publish(publisher.createStream(), name);
        }
    }

    private void start(UnaryOperator<RtmpSettings> limits) {
        registry.register("demo", key);
        server = new RtmpServer(limits.apply(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)),
                registry, Executors.defaultThreadFactory());
        server.start();
    }

    private RtmpClient client() throws IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, null);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
