package dev.inlet.api.streams;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StreamHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void keepsTheLastSamplesOfEachStreamOldestFirstAndForgetsADeletedStream() {
        StreamHistory history = new StreamHistory();
        for (int second = 0; second < StreamHistory.SAMPLES_KEPT + 5; second++) {
            history.record("news", new StreamHistory.Sample(T0.plusSeconds(second), 2000 + second, 25, 1));
        }
        history.record("sport", new StreamHistory.Sample(T0, 900, 50, 4));

        StreamHistory.View news = history.of("news");
        assertThat(news.samples()).hasSize(StreamHistory.SAMPLES_KEPT);
        assertThat(news.samples().get(0).at()).as("the oldest five fell out").isEqualTo(T0.plusSeconds(5));
        assertThat(news.samples().get(news.samples().size() - 1).bitrateKbps())
                .isEqualTo(2000 + StreamHistory.SAMPLES_KEPT + 4);
        assertThat(history.of("sport").samples()).singleElement()
                .isEqualTo(new StreamHistory.Sample(T0, 900, 50, 4));

        history.forget("news");
        assertThat(history.of("news").samples()).isEmpty();
        assertThat(history.of("unknown").samples()).isEmpty();
    }
}
