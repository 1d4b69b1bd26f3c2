package dev.inlet.rtmp.transport;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadCoalescingTest {

    private final List<Long> pauses = new ArrayList<>();

    @Test
    void aSelectorThreadPausesOnlyAfterASelectThatFoundReadyConnections() {
        ReadCoalescing coalescing = new ReadCoalescing(Duration.ofMillis(1).toNanos(), pauses::add);

        coalescing.beforeSelect(); // the first select: nothing was found before it
        coalescing.afterSelect(3);
        coalescing.beforeSelect();
        coalescing.afterSelect(1);
        coalescing.beforeSelect();
        coalescing.afterSelect(0); // a timeout or a wake-up without work
        coalescing.beforeSelect();

        assertThat(pauses).containsExactly(1_000_000L, 1_000_000L);
    }

    @Test
    void aZeroPauseNeverSleeps() {
        ReadCoalescing coalescing = new ReadCoalescing(0, pauses::add);

        coalescing.afterSelect(5);
        coalescing.beforeSelect();

        assertThat(pauses).isEmpty();
    }

    @Test
    void aNegativePauseIsRefused() {
        assertThatThrownBy(() -> new CoalescingSelectorHandler(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    }
}
