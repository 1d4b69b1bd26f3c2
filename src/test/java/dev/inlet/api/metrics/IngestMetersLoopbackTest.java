package dev.inlet.api.metrics;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.core.StreamKeys;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The meters read from the real engine on loopback what a publish, a player and bad clients produce. */
class IngestMetersLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private final String deniedKey = StreamKeys.generate();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private RtmpServer server;
    private IngestMeters meters;

    @BeforeEach
    void start() {
        registry.register("demo", key);
        registry.register("blocked", deniedKey);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withHandshakeTimeout(Duration.ofMillis(300)), registry, Executors.defaultThreadFactory());
        server.start();
        server.setPublishAuthorizer(attempt -> CompletableFuture.completedFuture(
                attempt.streamCode().equals("blocked") ? Optional.of("blocked by policy") : Optional.empty()));
        meters = new IngestMeters(prometheus, IngestMetricsSource.of(server));
    }

    @AfterEach
    void stop() {
        server.stop();
        prometheus.close();
    }

    @Test
    void aPublishAPlayerAndRefusedClientsShowInTheScrape() throws Exception {
        byte[] frame = new byte[1_000];
        frame[0] = 0x17;
        try (RtmpClient publisher = client(); RtmpClient player = client()) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            await(() -> server.isLive("demo"));
            assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
            for (int i = 0; i < 3; i++) {
                publisher.sendMedia(stream, MessageTypes.VIDEO, i * 40L, frame);
            }
            await(() -> server.liveStreams().stream().anyMatch(s -> s.stats().framesIn() == 3));
            meters.refresh();
            String text = prometheus.scrape();
            assertThat(value(text, "inlet_received_bytes_total{stream=\"demo\"}")).isEqualTo(3_000);
            assertThat(value(text, "inlet_received_messages_total{stream=\"demo\"}")).isEqualTo(3);
            assertThat(value(text, "inlet_stream_players{stream=\"demo\"}")).isEqualTo(1);
            assertThat(value(text, "inlet_players")).isEqualTo(1);
            assertThat(value(text, "inlet_publishers")).isEqualTo(1);
        }

        try (RtmpClient stranger = client()) {
            assertThat(stranger.publish(stranger.createStream(), "no-such-key").code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
        }
        try (RtmpClient denied = client()) {
            assertThat(denied.publish(denied.createStream(), deniedKey).code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
        }
        try (RtmpClient player = client()) {
            assertThat(player.play(player.createStream(), "nobody").code()).isEqualTo(NetStatus.PLAY_STREAM_NOT_FOUND);
        }
        try (Socket silent = new Socket("127.0.0.1", server.boundPort())) {
            silent.setSoTimeout(5_000);
            assertThatThrownBy(() -> silent.getInputStream().read()).as("reset: Inlet aborts")
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }

        meters.refresh();
        String text = prometheus.scrape();
        assertThat(value(text, "inlet_rejects_total{reason=\"publish_unknown_key\"}")).isEqualTo(1);
        assertThat(value(text, "inlet_rejects_total{reason=\"publish_denied\"}")).isEqualTo(1);
        assertThat(value(text, "inlet_rejects_total{reason=\"play_stream_not_found\"}")).isEqualTo(1);
        assertThat(value(text, "inlet_handshake_failures_total{reason=\"handshake_timeout\"}")).isEqualTo(1);
        assertThat(value(text, "inlet_received_bytes_total{stream=\"demo\"}")).as("kept after the publish ended")
                .isEqualTo(3_000);
    }

    private RtmpClient client() throws java.io.IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, null);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static double value(String exposition, String series) {
        return PrometheusText.sample(exposition, series)
                .orElseThrow(() -> new AssertionError(series + " not in\n" + exposition));
    }
}
