package dev.inlet.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void percentilesAreTheUpperBoundsOfTheirBuckets() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            histogram.record(millis * 1_000_000L - 1);
        }

        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.percentileMillis(50)).isCloseTo(50.0, within(0.05));
        assertThat(histogram.percentileMillis(99)).isCloseTo(99.0, within(0.05));
    }

    @Test
    void longDurationsUseCoarseBucketsThenOverflow() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(2_000_000_000L);
        assertThat(histogram.percentileMillis(100)).isBetween(2000.0, 2005.0);

        histogram.record(60_000_000_000L);
        assertThat(histogram.percentileMillis(100)).isInfinite();
        assertThat(new Summary().put("latency", histogram.percentileMillis(100)).line()).isEqualTo("latency=>10100");
    }

    @Test
    void nothingRecordedIsNaN() {
        assertThat(new LatencyHistogram().percentileMillis(50)).isNaN();
    }
}
