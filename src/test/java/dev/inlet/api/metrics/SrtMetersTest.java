package dev.inlet.api.metrics;

import dev.inlet.core.PublisherView;
import dev.inlet.core.TransportStats;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SrtMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FakeIngest ingest = new FakeIngest();
    private final IngestMeters meters = new IngestMeters(registry, ingest);

    @AfterEach
    void close() {
        registry.close();
    }

    private static TransportStats link(double rtt, long received, long lost, long retransmitted, long dropped,
                                       int bufferMs) {
        return new TransportStats(rtt, received, lost, retransmitted, dropped, received * 1316, bufferMs,
                bufferMs * 500, 4.5, 900, 120);
    }

    private static PublisherView srt(String id, String stream, int priority, TransportStats stats) {
        return new PublisherView(id, stream, priority, "AbCdEf", "10.0.0.1:5000", "", "", Instant.EPOCH, 0, 0, "srt",
                () -> Optional.ofNullable(stats));
    }

    @Test
    void anSrtInputsLinkBecomesPerStreamGaugesAndCounters() {
        ingest.publisherViews.add(srt("s1/demo", "demo", 1, link(12.5, 1_000, 7, 5, 2, 118)));
        meters.refresh();

        String text = registry.scrape();
        assertThat(value(text, "inlet_srt_rtt_ms{stream=\"demo\"}")).isEqualTo(12.5);
        assertThat(value(text, "inlet_srt_receive_buffer_ms{stream=\"demo\"}")).isEqualTo(118);
        assertThat(value(text, "inlet_srt_receive_buffer_bytes{stream=\"demo\"}")).isEqualTo(59_000);
        assertThat(value(text, "inlet_srt_receive_rate_mbps{stream=\"demo\"}")).isEqualTo(4.5);
        assertThat(value(text, "inlet_srt_bandwidth_mbps{stream=\"demo\"}")).isEqualTo(900);
        assertThat(value(text, "inlet_srt_packets_received_total{stream=\"demo\"}")).isEqualTo(1_000);
        assertThat(value(text, "inlet_srt_packets_lost_total{stream=\"demo\"}")).isEqualTo(7);
        assertThat(value(text, "inlet_srt_packets_retransmitted_total{stream=\"demo\"}")).isEqualTo(5);
        assertThat(value(text, "inlet_srt_packets_dropped_total{stream=\"demo\"}")).isEqualTo(2);
    }

    @Test
    void countersAddUpEverySrtPublishAndGaugesLeaveWithTheLastOne() {
        ingest.publisherViews.add(srt("s1/demo", "demo", 1, link(10, 1_000, 7, 5, 2, 100)));
        meters.refresh();
        ingest.publisherViews.set(0, srt("s1/demo", "demo", 1, link(10, 1_500, 9, 6, 2, 100)));
        meters.refresh();
        ingest.publisherViews.clear(); // the caller left
        meters.refresh();

        String text = registry.scrape();
        assertThat(PrometheusText.sample(text, "inlet_srt_rtt_ms{stream=\"demo\"}")).as("no input, no RTT").isEmpty();
        assertThat(value(text, "inlet_srt_packets_lost_total{stream=\"demo\"}")).as("a counter never goes down")
                .isEqualTo(9);

        ingest.publisherViews.add(srt("s2/demo", "demo", 1, link(20, 100, 3, 1, 0, 120))); // publishing again
        meters.refresh();
        text = registry.scrape();
        assertThat(value(text, "inlet_srt_packets_lost_total{stream=\"demo\"}")).isEqualTo(12);
        assertThat(value(text, "inlet_srt_packets_received_total{stream=\"demo\"}")).isEqualTo(1_600);
        assertThat(value(text, "inlet_srt_rtt_ms{stream=\"demo\"}")).isEqualTo(20);
    }

    @Test
    void withTwoSrtInputsTheGaugesShowTheBestPriorityAndTheCountersBoth() {
        ingest.publisherViews.add(srt("s2/demo", "demo", 2, link(40, 10, 1, 0, 0, 200)));
        ingest.publisherViews.add(srt("s1/demo", "demo", 1, link(10, 20, 2, 0, 0, 100)));
        meters.refresh();

        String text = registry.scrape();
        assertThat(value(text, "inlet_srt_rtt_ms{stream=\"demo\"}")).isEqualTo(10);
        assertThat(value(text, "inlet_srt_packets_lost_total{stream=\"demo\"}")).isEqualTo(3);
    }

    @Test
    void otherProtocolsAndLinksWithoutStatisticsMakeNoSrtMeters() {
        AtomicInteger reads = new AtomicInteger();
        ingest.publisherViews.add(new PublisherView("c1/news", "news", 1, "AbCdEf", "10.0.0.1:5000", "live", "FMLE",
                Instant.EPOCH, 0, 0, "rtmp", () -> {
                    reads.incrementAndGet();
                    return Optional.empty();
                }));
        ingest.publisherViews.add(srt("s1/demo", "demo", 1, null)); // still in its handshake
        meters.refresh();

        assertThat(registry.scrape()).doesNotContain("inlet_srt_");
        assertThat(reads).as("only SRT links are asked").hasValue(0);
    }

    private static double value(String exposition, String series) {
        return PrometheusText.sample(exposition, series)
                .orElseThrow(() -> new AssertionError(series + " not in\n" + exposition));
    }
}
