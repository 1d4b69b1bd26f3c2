package dev.inlet.registry;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Inlet nodes (two RTMP servers, two registries) sharing one PostgreSQL database. Lease time is a
 * clock both nodes share and the test moves; the scheduled heartbeats' real period is far longer than
 * the test, so the test runs them itself.
 */
class ClusterTest {

    private static final Duration LEASE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration HEARTBEAT = Duration.ofMinutes(5);

    @Test
    void aKeyPublishesOnOneNodeOnlyAndMovesToTheOtherWhenTheHolderCrashes() throws Exception {
        DataSource dataSource = TestDatabase.POSTGRESQL.emptyDatabase();
        String key = new Seed(dataSource).key("cluster", 1);
        MutableClock clock = MutableClock.startingNow();
        RegistrySettings settings = RegistrySettings.defaults().withLeaseTimeout(LEASE_TIMEOUT, HEARTBEAT);
        try (RtmpNode a = new RtmpNode(dataSource, settings.withNodeId("node-a"), Duration.ofSeconds(10), clock);
             RtmpNode b = new RtmpNode(dataSource, settings.withNodeId("node-b"), Duration.ofSeconds(10), clock);
             RtmpClient onA = a.client(); RtmpClient onB = b.client()) {
            int streamA = onA.createStream();
            assertThat(onA.publish(streamA, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            RtmpStatus refused = onB.publish(onB.createStream(), key);
            assertThat(refused.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            assertThat(refused.description()).contains("already publishing");

            // Well past the timeout since the claim, a's heartbeats still hold the slot.
            clock.advance(HEARTBEAT);
            a.registry.heartbeat();
            clock.advance(HEARTBEAT);
            a.registry.heartbeat();
            clock.advance(HEARTBEAT);
            onA.sendMedia(streamA, MessageTypes.VIDEO, 0, new byte[]{0x17, 1, 0, 0, 0});
            assertRefused(b, key);

            a.registry.heartbeat();
            a.crash();
            clock.advance(LEASE_TIMEOUT);
            assertRefused(b, key); // not yet expired

            clock.advance(Duration.ofSeconds(1));
            try (RtmpClient accepted = b.client()) {
                assertThat(accepted.publish(accepted.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
                assertThat(new Seed(dataSource).holderOf("cluster", 1)).hasValueSatisfying(
                        holder -> assertThat(holder).startsWith("node-b/"));
            }
        }
    }

    private static void assertRefused(RtmpNode node, String key) throws Exception {
        try (RtmpClient client = node.client()) {
            assertThat(client.publish(client.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
        }
    }

    /**
     * Publishes {@code key} on {@code node} again and again until it is accepted (something asynchronous,
     * such as a dead connection being noticed, frees the slot); returns that client.
     */
    static RtmpClient awaitPublish(RtmpNode node, String key, Duration within) {
        AtomicReference<RtmpClient> accepted = new AtomicReference<>();
        await("publish accepted").atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
                    RtmpClient client = node.client();
                    RtmpStatus status = client.publish(client.createStream(), key);
                    if (status.code().equals(NetStatus.PUBLISH_START)) {
                        accepted.set(client);
                        return true;
                    }
                    client.close();
                    assertThat(status.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
                    return false;
                });
        return accepted.get();
    }
}
