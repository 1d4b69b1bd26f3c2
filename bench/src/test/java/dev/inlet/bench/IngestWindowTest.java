package dev.inlet.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IngestWindowTest {

    @Test
    void derivesCpuPerGigabitAndPerMessageFromTheWindow() {
        // 20 s, 50 streams at 2 Mbit/s = 2 Gbit = 250,000,000 bytes; 190,000 messages; 3 CPU seconds
        IngestWindow window = new IngestWindow(20, 3, 250_000_000L, 190_000, 50);

        assertThat(window.cpuSecondsPerGigabit()).isCloseTo(1.5, within(1e-9));
        assertThat(window.cpuMicrosPerMessage()).isCloseTo(3e6 / 190_000, within(1e-9));
        assertThat(window.megabitsPerSecond()).isCloseTo(100, within(1e-9));
        assertThat(window.cpuPercent()).isCloseTo(15, within(1e-9));
        assertThat(window.perStream(51_200)).isCloseTo(1024, within(1e-9));
        // idle at 5% of a CPU: 1 of the 3 CPU seconds was spent anyway
        assertThat(window.cpuSecondsPerGigabitAboveIdle(5)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void nothingIngestedHasNoCostPerUnit() {
        IngestWindow window = new IngestWindow(20, 3, 0, 0, 1);

        assertThat(window.cpuSecondsPerGigabit()).isNaN();
        assertThat(window.cpuMicrosPerMessage()).isNaN();
        assertThat(window.cpuSecondsPerGigabitAboveIdle(5)).isNaN();
    }
}
