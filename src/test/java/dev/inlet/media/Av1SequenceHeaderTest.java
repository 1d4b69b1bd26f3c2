package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Sequence header OBUs; the libaom 176x144 one without timing info is in {@link EncoderVectorsTest}. */
class Av1SequenceHeaderTest {

    @Test
    void readsTheFrameRateFromTimingInfo() {
        // libaom-av1 -aom-params timing-info=constant, 176x144 at 25 fps: 1 tick of 1/25 s per picture
        Av1SequenceHeader header = Av1SequenceHeader.parseObu(
                Hex.bytes("0A 14 04 00 00 00 04 00 00 00 67 40 00 00 BB BD 7C 79 B5 F2 00 80"));

        assertThat(header).isEqualTo(new Av1SequenceHeader(0, 0, false, 176, 144, 8, 1, 25.0));
    }

    @Test
    void keepsTheFrameRatePositiveWhenTickTimesTicksPerPictureExceedsALong() {
        // Found by Av1SequenceHeaderFuzzTest: num_units_in_display_tick 0xFFFFFFFF, time_scale 90000,
        // num_ticks_per_picture_minus_1 2^31 (uvlc: 31 zeros, 1, 31 bits), one operating point at level 8,
        // 1920x1080 in 11-bit fields; (2^32 - 1) * (2^31 + 1) overflowed a long into a negative frame rate.
        Av1SequenceHeader header = Av1SequenceHeader.parseObu(
                Hex.bytes("0A 18 07 FF FF FF FC 00 05 7E 42 00 00 00 02 00 00 00 04 00 00 21 55 DF E1 B8"));

        assertThat(header.width()).isEqualTo(1920);
        assertThat(header.height()).isEqualTo(1080);
        assertThat(header.level()).isEqualTo(8);
        assertThat(header.frameRate()).isPositive()
                .isCloseTo(90000 / (4294967295.0 * 2147483649.0), within(1e-20));
    }

    @Test
    void rejectsAnEmptyInput() {
        // Found by Av1SequenceHeaderFuzzTest: no OBU at all escaped as IndexOutOfBoundsException
        assertThatThrownBy(() -> Av1SequenceHeader.parseObu(new byte[0])).isInstanceOf(MediaFormatException.class);
    }

    @Test
    void rejectsOtherObusAndTruncatedHeaders() {
        for (String obu : new String[] {"12 00", "0A", "0A 05 00 00", "0A 0B 00 00 00 2D", "0A 02 00 00"}) {
            assertThatThrownBy(() -> Av1SequenceHeader.parseObu(Hex.bytes(obu))).as(obu)
                    .isInstanceOf(MediaFormatException.class);
        }
    }
}
