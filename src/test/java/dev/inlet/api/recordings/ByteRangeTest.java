package dev.inlet.api.recordings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangeTest {

    @Test
    void theThreeFormsOfOneRange() {
        assertThat(ByteRange.parse("bytes=100-199", 1000)).isEqualTo(new ByteRange(100, 100));
        assertThat(ByteRange.parse("bytes=900-", 1000)).isEqualTo(new ByteRange(900, 100));
        assertThat(ByteRange.parse("bytes=-300", 1000)).isEqualTo(new ByteRange(700, 300));
        assertThat(ByteRange.parse("BYTES = 0-0", 1000)).as("case and spaces").isNull();
        assertThat(ByteRange.parse("bytes= 0-0", 1000)).isEqualTo(new ByteRange(0, 1));
    }

    @Test
    void aRangePastTheEndIsCutAtTheEndOrUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).isEqualTo(new ByteRange(990, 10));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 1000));
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
    }

    @Test
    void whatIsNotOneByteRangeServesTheWholeFile() {
        assertThat(ByteRange.parse(null, 1000)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,5-9", 1000)).isNull();
        assertThat(ByteRange.parse("items=0-1", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=9-1", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=x-1", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=-", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 1000)).isNull();
    }
}
