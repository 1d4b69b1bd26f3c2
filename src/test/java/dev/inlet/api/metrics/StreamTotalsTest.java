package dev.inlet.api.metrics;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTotalsTest {

    @Test
    void addsWhatEachPublishCountedAcrossRestarts() {
        StreamTotals totals = new StreamTotals();
        totals.observe("demo", 100);
        totals.observe("demo", 250);
        assertThat(totals.total("demo")).isEqualTo(250);

        totals.observe("demo", 40); // a new publish started between two polls: its counter is smaller
        assertThat(totals.total("demo")).isEqualTo(290);

        totals.keepOnly(Set.of()); // the stream ended
        totals.observe("demo", 500); // the next publish, first poll: everything it counted is new
        assertThat(totals.total("demo")).isEqualTo(790);
        assertThat(totals.total("other")).isZero();
    }
}
