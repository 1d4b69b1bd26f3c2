package dev.inlet.registry;

import dev.inlet.core.Lease;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An encoder whose network died (its socket stays open but says nothing, as after a cable pull) must
 * not lock its key out: the same key publishes again once the connection is found dead, or at once
 * with takeover on.
 */
class ReconnectTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aSilentlyDeadPublisherFreesItsKeyAfterTheReadTimeout() throws Exception {
        DataSource dataSource = TestDatabase.H2.emptyDatabase();
        String key = new Seed(dataSource).key("studio", 1);
        try (RtmpNode node = new RtmpNode(dataSource, RegistrySettings.defaults().withNodeId("n"), READ_TIMEOUT);
             RtmpClient dead = node.client()) {
            int stream = dead.createStream();
            assertThat(dead.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            dead.sendMedia(stream, MessageTypes.VIDEO, 0, new byte[]{0x17, 1, 0, 0, 0});
            long wentSilent = System.nanoTime();

            try (RtmpClient tooSoon = node.client()) {
                RtmpStatus refused = tooSoon.publish(tooSoon.createStream(), key);
                assertThat(refused.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
                assertThat(refused.description()).contains("already publishing");
            }
            try (RtmpClient reconnected = ClusterTest.awaitPublish(node, key, Duration.ofSeconds(10))) {
                long waitedMillis = (System.nanoTime() - wentSilent) / 1_000_000;
                assertThat(waitedMillis).isLessThan(READ_TIMEOUT.toMillis() + 2000);
            }
            assertThat(dead.awaitServerClose(Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void withTakeoverTheNewPublisherGetsInAtOnceAndTheOldOneIsReported() throws Exception {
        DataSource dataSource = TestDatabase.H2.emptyDatabase();
        String key = new Seed(dataSource).key("studio", 1);
        RegistrySettings settings = RegistrySettings.defaults().withNodeId("n").withTakeover(true);
        try (RtmpNode node = new RtmpNode(dataSource, settings, Duration.ofSeconds(30));
             RtmpClient old = node.client(); RtmpClient replacement = node.client()) {
            List<Lease> lost = new CopyOnWriteArrayList<>();
            node.registry.setLeaseLostListener(lost::add);
            assertThat(old.publish(old.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);

            assertThat(replacement.publish(replacement.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);

            assertThat(lost).hasSize(1);
            assertThat(lost.get(0).slot().streamCode()).isEqualTo("studio");
            String holder = new Seed(dataSource).holderOf("studio", 1).orElseThrow();
            assertThat(holder).startsWith("n/").isNotEqualTo("n/" + lost.get(0).sessionId());
        }
    }
}
