package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnnexBTest {

    @Test
    void splitsOnThreeAndFourByteStartCodes() {
        byte[] stream = Hex.bytes("00000001 0910 000001 67640028 00000001 68EE 000001 6588840000030001");

        assertThat(AnnexB.splitNalUnits(stream)).containsExactly(
                Hex.bytes("0910"), Hex.bytes("67640028"), Hex.bytes("68EE"), Hex.bytes("6588840000030001"));
    }

    @Test
    void dropsLeadingAndTrailingZeroBytesAndEmptyUnits() {
        byte[] stream = Hex.bytes("0000 00000001 0605 000000 000001 000001 41E0 0000");

        assertThat(AnnexB.splitNalUnits(stream)).containsExactly(Hex.bytes("0605"), Hex.bytes("41E0"));
    }

    @Test
    void acceptsEmptyInputButNotGarbage() {
        assertThat(AnnexB.splitNalUnits(new byte[0])).isEmpty();
        assertThatThrownBy(() -> AnnexB.splitNalUnits(Hex.bytes("65 88 84"))).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> AnnexB.splitNalUnits(Hex.bytes("17 000001 65"))).isInstanceOf(MediaFormatException.class);
    }

    @Test
    void convertsToAndFromAvcc() {
        List<byte[]> nals = List.of(Hex.bytes("0605FF"), Hex.bytes("65"), Hex.bytes("41E0"));

        assertThat(AnnexB.toAvcc(nals, 4)).isEqualTo(Hex.bytes("00000003 0605FF 00000001 65 00000002 41E0"));
        assertThat(AnnexB.toAvcc(nals, 2)).isEqualTo(Hex.bytes("0003 0605FF 0001 65 0002 41E0"));
        for (int size = 1; size <= 4; size++) {
            assertThat(AnnexB.fromAvcc(AnnexB.toAvcc(nals, size), 0, size)).as("length size %d", size)
                    .containsExactlyElementsOf(nals);
        }
        assertThat(AnnexB.toAnnexB(nals)).isEqualTo(Hex.bytes("00000001 0605FF 00000001 65 00000001 41E0"));
    }

    @Test
    void readsAvccAfterAnOffset() {
        assertThat(AnnexB.fromAvcc(Hex.bytes("27 01 000000 00000002 41E0"), 5, 4)).containsExactly(Hex.bytes("41E0"));
    }

    @Test
    void rejectsTruncatedAvcc() {
        assertThatThrownBy(() -> AnnexB.fromAvcc(Hex.bytes("00000003 0605"), 0, 4)).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> AnnexB.fromAvcc(Hex.bytes("00000001 65 0000"), 0, 4)).isInstanceOf(MediaFormatException.class);
        // a length near 4 GiB must be rejected, not allocated
        assertThatThrownBy(() -> AnnexB.fromAvcc(Hex.bytes("FFFFFFFF 65"), 0, 4)).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> AnnexB.fromAvcc(Hex.bytes("00"), 2, 4)).isInstanceOf(MediaFormatException.class);
    }

    @Test
    void refusesANalUnitTooLongForTheLengthSize() {
        assertThatThrownBy(() -> AnnexB.toAvcc(List.of(new byte[256]), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
