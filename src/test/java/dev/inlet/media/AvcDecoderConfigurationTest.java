package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvcDecoderConfigurationTest {

    private static final byte[] SPS_A = Hex.bytes("6764001eacd940a02ff97011000003000100000300320f162d96");
    private static final byte[] SPS_B = Hex.bytes("6764001facd9405005bb011000000300100000030320f1831960");
    private static final byte[] PPS_A = Hex.bytes("68ebe3cb22c0");
    private static final byte[] PPS_B = Hex.bytes("68ee3cb0");
    private static final byte[] PPS_C = Hex.bytes("68ce3880");

    /** ISO/IEC 14496-15 5.3.3.1 laid out by hand: two SPS, three PPS, 4-byte NAL lengths. */
    private static final byte[] RECORD = Hex.concat(
            Hex.bytes("01 64 00 1E FF E2"),
            Hex.bytes("001A"), SPS_A, Hex.bytes("001A"), SPS_B,
            Hex.bytes("03"),
            Hex.bytes("0006"), PPS_A, Hex.bytes("0004"), PPS_B, Hex.bytes("0004"), PPS_C);

    @Test
    void readsSeveralParameterSets() {
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(RECORD);

        assertThat(config.profile()).isEqualTo(100);
        assertThat(config.compatibility()).isEqualTo(0);
        assertThat(config.level()).isEqualTo(30);
        assertThat(config.nalLengthSize()).isEqualTo(4);
        assertThat(config.sps()).containsExactly(SPS_A, SPS_B);
        assertThat(config.pps()).containsExactly(PPS_A, PPS_B, PPS_C);
    }

    @Test
    void writesTheBytesItRead() {
        assertThat(AvcDecoderConfiguration.parse(RECORD).toBytes()).isEqualTo(RECORD);
    }

    @Test
    void readsTwoByteNalLengthsAndIgnoresTheHighProfileExtension() {
        byte[] record = Hex.concat(Hex.bytes("01 4D 40 1F FD E1 0004 674D401F 01 0004 68EE3C80"),
                Hex.bytes("FD F8 F8 00")); // chroma_format 4:2:0, 8-bit, no SPS extensions
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(record);

        assertThat(config.nalLengthSize()).isEqualTo(2);
        assertThat(config.sps()).hasSize(1);
        assertThat(config.pps()).hasSize(1);
    }

    @Test
    void buildsTheRecordFromParameterSets() {
        AvcDecoderConfiguration config = AvcDecoderConfiguration.fromParameterSets(List.of(SPS_A), List.of(PPS_A));

        assertThat(config.profile()).isEqualTo(0x64);
        assertThat(config.compatibility()).isEqualTo(0x00);
        assertThat(config.level()).isEqualTo(0x1E);
        assertThat(config.nalLengthSize()).isEqualTo(4);
        assertThat(AvcDecoderConfiguration.parse(config.toBytes())).isEqualTo(config);
        assertThat(config.firstSps().width()).isEqualTo(640);
    }

    @Test
    void comparesParameterSetContents() {
        AvcDecoderConfiguration one = AvcDecoderConfiguration.fromParameterSets(List.of(SPS_A), List.of(PPS_A));
        AvcDecoderConfiguration same = AvcDecoderConfiguration.fromParameterSets(List.of(SPS_A.clone()), List.of(PPS_A.clone()));
        AvcDecoderConfiguration other = AvcDecoderConfiguration.fromParameterSets(List.of(SPS_A), List.of(PPS_B));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    }

    @Test
    void rejectsEveryTruncation() {
        for (int length = 0; length < RECORD.length; length++) {
            byte[] truncated = Arrays.copyOf(RECORD, length);
            assertThatThrownBy(() -> AvcDecoderConfiguration.parse(truncated))
                    .as("first %d bytes", length).isInstanceOf(MediaFormatException.class);
        }
    }

    @Test
    void rejectsAnotherVersion() {
        byte[] record = RECORD.clone();
        record[0] = 2;
        assertThatThrownBy(() -> AvcDecoderConfiguration.parse(record)).isInstanceOf(MediaFormatException.class);
    }

    @Test
    void rejectsAParameterSetLongerThanTheRecord() {
        // claims a 65535-byte SPS in a 12-byte record: must fail before allocating
        assertThatThrownBy(() -> AvcDecoderConfiguration.parse(Hex.bytes("01 64 00 1E FF E1 FFFF 6764001E")))
                .isInstanceOf(MediaFormatException.class);
    }
}
