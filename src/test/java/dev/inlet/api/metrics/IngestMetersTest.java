package dev.inlet.api.metrics;

import dev.inlet.hub.HubStats;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FakeIngest ingest = new FakeIngest();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void registersTheServerWideMetersAtOnce() {
        new IngestMeters(registry, ingest);
        String text = registry.scrape();
        assertThat(value(text, "inlet_players")).isZero();
        assertThat(value(text, "inlet_publishers")).isZero();
        assertThat(value(text, "inlet_handshake_failures_total{reason=\"handshake_failed\"}")).isZero();
        assertThat(value(text, "inlet_handshake_failures_total{reason=\"handshake_timeout\"}")).isZero();
    }

    @Test
    void bytesHeldInPartialMessagesAreAGauge() {
        new IngestMeters(registry, ingest);
        ingest.partialMessageBytes = 65_536;

        assertThat(value(registry.scrape(), "inlet_rtmp_partial_message_bytes")).isEqualTo(65_536);
    }

    @Test
    void perStreamCountersFollowTheHubsAndSurviveRepublishing() {
        IngestMeters meters = new IngestMeters(registry, ingest);
        ingest.live.put("demo", new HubStats(2, 10, 5_000, 3, 1));
        ingest.players = 2;
        ingest.publishers = 1;
        meters.refresh();
        ingest.live.put("demo", new HubStats(1, 25, 12_000, 7, 1));
        meters.refresh();

        String text = registry.scrape();
        assertThat(value(text, "inlet_received_bytes_total{stream=\"demo\"}")).isEqualTo(12_000);
        assertThat(value(text, "inlet_received_messages_total{stream=\"demo\"}")).isEqualTo(25);
        assertThat(value(text, "inlet_frames_skipped_total{stream=\"demo\"}")).isEqualTo(7);
        assertThat(value(text, "inlet_slow_player_disconnects_total{stream=\"demo\"}")).isEqualTo(1);
        assertThat(value(text, "inlet_stream_players{stream=\"demo\"}")).isEqualTo(1);
        assertThat(value(text, "inlet_players")).isEqualTo(2);
        assertThat(value(text, "inlet_publishers")).isEqualTo(1);

        ingest.live.remove("demo"); // the publisher left
        ingest.players = 0;
        meters.refresh();
        text = registry.scrape();
        assertThat(value(text, "inlet_stream_players{stream=\"demo\"}")).isZero();
        assertThat(value(text, "inlet_received_bytes_total{stream=\"demo\"}")).as("a counter never goes down")
                .isEqualTo(12_000);

        ingest.live.put("demo", new HubStats(0, 4, 30_000, 0, 0)); // publishing again, counters restarted
        meters.refresh();
        text = registry.scrape();
        assertThat(value(text, "inlet_received_bytes_total{stream=\"demo\"}")).isEqualTo(42_000);
        assertThat(value(text, "inlet_received_messages_total{stream=\"demo\"}")).isEqualTo(29);
    }

    @Test
    void closeAndRejectReasonsBecomeLabelledCounters() {
        IngestMeters meters = new IngestMeters(registry, ingest);
        ingest.closeReasons.put("handshake_timeout", 2L);
        ingest.closeReasons.put("malformed", 1L);
        ingest.rejectReasons.put("publish_unknown_key", 4L);
        ingest.rejectReasons.put("publish_denied", 1L);
        meters.refresh();
        ingest.closeReasons.put("handshake_timeout", 3L);
        meters.refresh();

        String text = registry.scrape();
        assertThat(value(text, "inlet_handshake_failures_total{reason=\"handshake_timeout\"}")).isEqualTo(3);
        assertThat(value(text, "inlet_handshake_failures_total{reason=\"handshake_failed\"}")).isZero();
        assertThat(value(text, "inlet_connections_closed_total{reason=\"handshake_timeout\"}")).isEqualTo(3);
        assertThat(value(text, "inlet_connections_closed_total{reason=\"malformed\"}")).isEqualTo(1);
        assertThat(value(text, "inlet_rejects_total{reason=\"publish_unknown_key\"}")).isEqualTo(4);
        assertThat(value(text, "inlet_rejects_total{reason=\"publish_denied\"}")).isEqualTo(1);
    }

    @Test
    void closesAreCountedByKind() {
        IngestMeters meters = new IngestMeters(registry, ingest);
        ingest.closeKinds.put("aborted", 5L);
        ingest.closeKinds.put("after_flush", 2L);
        meters.refresh();
        ingest.closeKinds.put("aborted", 6L);
        meters.refresh();

        String text = registry.scrape();
        assertThat(value(text, "inlet_connections_closes_total{kind=\"aborted\"}")).isEqualTo(6);
        assertThat(value(text, "inlet_connections_closes_total{kind=\"after_flush\"}")).isEqualTo(2);
    }

    @Test
    void failoversAreCountedPerStreamAndReason() {
        IngestMeters meters = new IngestMeters(registry, ingest);
        meters.failover("demo", "timeout");
        meters.failover("demo", "timeout");
        meters.failover("demo", "failback");
        String text = registry.scrape();
        assertThat(value(text, "inlet_failovers_total{reason=\"timeout\",stream=\"demo\"}")).isEqualTo(2);
        assertThat(value(text, "inlet_failovers_total{reason=\"failback\",stream=\"demo\"}")).isEqualTo(1);
    }

    private static double value(String exposition, String series) {
        return PrometheusText.sample(exposition, series)
                .orElseThrow(() -> new AssertionError(series + " not in\n" + exposition));
    }
}
