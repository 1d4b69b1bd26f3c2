package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TsTimestampsTest {

    private static final long WRAP = 1L << 33;

    @Test
    void theWrapIsASmallStepForward() {
        TsTimestamps timestamps = new TsTimestamps();
        assertThat(timestamps.unwrap(WRAP - 3600)).isEqualTo(WRAP - 3600);
        assertThat(timestamps.unwrap(0)).isEqualTo(WRAP);
        assertThat(timestamps.unwrap(3600)).isEqualTo(WRAP + 3600);
        assertThat(timestamps.unwrap(WRAP - 1800)).as("reordered, from before the wrap").isEqualTo(WRAP - 1800);
        assertThat(timestamps.unwrap(7200)).isEqualTo(WRAP + 7200);
    }

    @Test
    void manyWrapsKeepRising() {
        TsTimestamps timestamps = new TsTimestamps();
        long unwrapped = 0;
        for (long tick = 0; tick < 5 * WRAP; tick += WRAP / 7) {
            unwrapped = timestamps.unwrap(tick % WRAP);
            assertThat(unwrapped).isEqualTo(tick);
        }
        assertThat(unwrapped).isGreaterThan(4 * WRAP);
    }

    @Test
    void onlyThe33LowBitsCount() {
        assertThat(new TsTimestamps().unwrap(WRAP + 90)).isEqualTo(90);
    }

    @Test
    void millisecondsRoundDown() {
        assertThat(TsTimestamps.toMillis(131_280)).isEqualTo(1458);
        assertThat(TsTimestamps.toMillis(90)).isEqualTo(1);
        assertThat(TsTimestamps.toMillis(89)).isZero();
    }
}
