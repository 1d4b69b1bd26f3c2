package dev.inlet.registry;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Inlet nodes (two RTMP servers, two registries) sharing one PostgreSQL database. */
class ClusterTest {

    // Eight heartbeats per timeout: a loaded 2-core CI machine can delay one or two of them.
    private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);

    @Test
    void aKeyPublishesOnOneNodeOnlyAndMovesToTheOtherWhenTheHolderCrashes() throws Exception {
        DataSource dataSource = TestDatabase.POSTGRESQL.emptyDatabase();
        String key = new Seed(dataSource).key("cluster", 1);
        RegistrySettings settings = RegistrySettings.defaults().withLeaseTimeout(LEASE_TIMEOUT, HEARTBEAT);
        try (RtmpNode a = new RtmpNode(dataSource, settings.withNodeId("node-a"), Duration.ofSeconds(10));
             RtmpNode b = new RtmpNode(dataSource, settings.withNodeId("node-b"), Duration.ofSeconds(10));
             RtmpClient onA = a.client(); RtmpClient onB = b.client()) {
            int streamA = onA.createStream();
            assertThat(onA.publish(streamA, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            RtmpStatus refused = onB.publish(onB.createStream(), key);
            assertThat(refused.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            assertThat(refused.description()).contains("already publishing");

            // Well past the timeout, a's heartbeat still holds the slot.
            Thread.sleep(LEASE_TIMEOUT.toMillis() + 1000);
            onA.sendMedia(streamA, MessageTypes.VIDEO, 0, new byte[]{0x17, 1, 0, 0, 0});
            try (RtmpClient again = b.client()) {
                assertThat(again.publish(again.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            }

            a.crash();
            long crashed = System.nanoTime();
            try (RtmpClient early = b.client()) {
                assertThat(early.publish(early.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            }
            RtmpClient accepted = awaitPublish(b, key, Duration.ofSeconds(15));
            long waitedMillis = (System.nanoTime() - crashed) / 1_000_000;
            assertThat(new Seed(dataSource).holderOf("cluster", 1)).hasValueSatisfying(
                    holder -> assertThat(holder).startsWith("node-b/"));
            accepted.close();
            assertThat(waitedMillis).isGreaterThanOrEqualTo(LEASE_TIMEOUT.toMillis() - HEARTBEAT.toMillis() - 100)
                    .isLessThan(LEASE_TIMEOUT.toMillis() + 3000);
        }
    }

    /** Publishes {@code key} on {@code node} again and again until it is accepted; returns that client. */
    static RtmpClient awaitPublish(RtmpNode node, String key, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            RtmpClient client = node.client();
            RtmpStatus status = client.publish(client.createStream(), key);
            if (status.code().equals(NetStatus.PUBLISH_START)) {
                return client;
            }
            client.close();
            assertThat(status.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still refused after " + within + ": " + status.description());
            }
            Thread.sleep(100);
        }
    }
}
