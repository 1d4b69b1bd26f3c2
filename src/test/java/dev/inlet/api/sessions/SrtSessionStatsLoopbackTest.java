package dev.inlet.api.sessions;

import dev.inlet.api.metrics.IngestMeters;
import dev.inlet.api.metrics.IngestMetricsSource;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.ingest.srt.SrtServer;
import dev.inlet.ingest.srt.SrtSettings;
import dev.inlet.testing.ExternalProcess;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ffmpeg publishes over SRT: libsrt's view of the link reaches the sessions list and the Prometheus text. */
class SrtSessionStatsLoopbackTest {

    private static final Path LOGS = Path.of("target", "srt-tests");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private RtmpServer server;
    private SrtServer srt;

    @BeforeEach
    void start() {
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0), server.core(),
                Executors.defaultThreadFactory());
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    @AfterEach
    void stop() {
        srt.stop();
        server.stop();
        prometheus.close();
    }

    @Test
    void anSrtPublishersLinkStatisticsAreListedAndExported() {
        SessionsResource sessions = new SessionsResource();
        sessions.server = server;
        sessions.cluster = dev.inlet.api.cluster.ClusterService.standalone();
        IngestMeters meters = new IngestMeters(prometheus, IngestMetricsSource.of(server));
        try (ExternalProcess ffmpeg = ExternalProcess.start("srt-stats-ffmpeg", LOGS, Duration.ofSeconds(40), List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-t", "20", "-c:v", "libx264",
                "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-f", "mpegts",
                "srt://127.0.0.1:" + srt.port() + "?streamid=publish:" + key + "&latency=120000"))) {

            await().atMost(Duration.ofSeconds(15)).until(() -> {
                List<PublisherSession> publishers = sessions.list().publishers();
                return publishers.size() == 1 && publishers.get(0).srt() != null
                        && publishers.get(0).srt().packetsReceived() > 50;
            });
            SrtSessionStats link = sessions.list().publishers().get(0).srt();
            assertThat(link.rttMs()).isGreaterThanOrEqualTo(0);
            assertThat(link.bytesReceived()).isPositive();
            assertThat(link.latencyMs()).isEqualTo(120);
            assertThat(link.packetsLost()).as("loopback loses nothing").isZero();

            meters.refresh();
            String text = prometheus.scrape();
            assertThat(sample(text, "inlet_srt_rtt_ms{stream=\"demo\"}")).isGreaterThanOrEqualTo(0);
            assertThat(sample(text, "inlet_srt_packets_received_total{stream=\"demo\"}")).isGreaterThan(50);
            assertThat(sample(text, "inlet_srt_packets_lost_total{stream=\"demo\"}")).isZero();
            assertThat(sample(text, "inlet_srt_receive_buffer_ms{stream=\"demo\"}")).isGreaterThanOrEqualTo(0);
            assertThat(ffmpeg.isAlive()).as(ffmpeg.describe()).isTrue();
        }
    }

    private static double sample(String exposition, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(line.find()).as("%s in%n%s", series, exposition).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
