package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlvToAvPacketTest {

    private static final byte[] SPS = Hex.bytes("6764001eacd940a02ff97011000003000100000300320f162d96");
    private static final byte[] PPS = Hex.bytes("68ebe3cb22c0");
    private static final byte[] OTHER_SPS = Hex.bytes("6764001facd9405005bb011000000300100000030320f1831960");
    private static final byte[] SEI = Hex.bytes("0605FF80");
    private static final byte[] IDR = Hex.bytes("658884002F");
    private static final byte[] P_SLICE = Hex.bytes("419A2233");

    private final FlvToAvPacket converter = new FlvToAvPacket();

    private static byte[] sequenceHeader(byte[] sps, byte[] pps) {
        byte[] record = AvcDecoderConfiguration.fromParameterSets(List.of(sps), List.of(pps)).toBytes();
        return Hex.concat(Hex.bytes("17 00 000000"), record);
    }

    private static byte[] frame(String header, byte[]... nals) {
        return Hex.concat(Hex.bytes(header), AnnexB.toAvcc(List.of(nals), 4));
    }

    @Test
    void keepsTheSequenceHeaderAndReturnsNoPacketForIt() {
        assertThat(converter.video(sequenceHeader(SPS, PPS), 0)).isNull();

        assertThat(converter.avcConfig().sps()).containsExactly(SPS);
        assertThat(converter.avcConfig().pps()).containsExactly(PPS);
    }

    @Test
    void prependsParameterSetsToAnIdrThatLacksThem() {
        converter.video(sequenceHeader(SPS, PPS), 0);

        AVPacket packet = converter.video(frame("17 01 000050", SEI, IDR), 1000);

        assertThat(packet.kind()).isEqualTo(FrameKind.H264);
        assertThat(packet.keyframe()).isTrue();
        assertThat(packet.dts()).isEqualTo(1000);
        assertThat(packet.pts()).isEqualTo(1080);
        assertThat(packet.data()).isEqualTo(AnnexB.toAnnexB(List.of(SPS, PPS, SEI, IDR)));
    }

    @Test
    void putsParameterSetsAfterAnAccessUnitDelimiter() {
        converter.video(sequenceHeader(SPS, PPS), 0);
        byte[] delimiter = Hex.bytes("0910");

        AVPacket packet = converter.video(frame("17 01 000000", delimiter, IDR), 0);

        assertThat(AnnexB.splitNalUnits(packet.data())).containsExactly(delimiter, SPS, PPS, IDR);
    }

    @Test
    void doesNotDuplicateParameterSetsAlreadyInTheFrame() {
        converter.video(sequenceHeader(SPS, PPS), 0);

        AVPacket packet = converter.video(frame("17 01 000000", SPS, PPS, IDR), 40);

        assertThat(AnnexB.splitNalUnits(packet.data())).containsExactly(SPS, PPS, IDR);
    }

    @Test
    void leavesInterFramesAloneAndSignExtendsTheirCompositionTime() {
        converter.video(sequenceHeader(SPS, PPS), 0);

        AVPacket packet = converter.video(frame("27 01 FFFFD8", P_SLICE), 2000);

        assertThat(packet.keyframe()).isFalse();
        assertThat(packet.data()).isEqualTo(AnnexB.toAnnexB(List.of(P_SLICE)));
        assertThat(packet.dts()).isEqualTo(2000);
        assertThat(packet.pts()).isEqualTo(1960);
        assertThat(packet.compositionTime()).isEqualTo(-40);
    }

    @Test
    void returnsNoPacketForFramesBeforeTheSequenceHeaderOrForUnknownCodecs() {
        assertThat(converter.video(frame("17 01 000000", IDR), 0)).isNull();
        assertThat(converter.video(Hex.bytes("91 68766331 000000 0000"), 0)).as("H.265 before its configuration").isNull();
        assertThat(converter.video(Hex.bytes("91 76766331 0000"), 0)).as("unknown FourCC").isNull();
        assertThat(converter.video(Hex.bytes("12 00112233"), 0)).as("Sorenson H.263").isNull();
        assertThat(converter.video(Hex.bytes("17 02 000000"), 0)).as("end of sequence").isNull();
        assertThat(converter.avcConfig()).isNull();
    }

    @Test
    void neverReadsAnEnhancedSequenceStartAsAnAvcRecord() {
        // 0x90: IsExHeader, key frame, PacketTypeSequenceStart; an HEVC record follows the FourCC
        // (too short for an hvcC: rejected as malformed HEVC, never tried as AVC)
        assertThatThrownBy(() -> converter.video(Hex.bytes("90 68766331 01 01600000"), 0))
                .isInstanceOf(MediaFormatException.class).hasMessageContaining("HEVC");
        assertThat(converter.avcConfig()).isNull();
        assertThat(converter.hevcConfig()).isNull();
    }

    @Test
    void marksTheFirstFrameAfterAConfigurationChange() {
        converter.video(sequenceHeader(SPS, PPS), 0);
        assertThat(converter.video(frame("17 01 000000", IDR), 0).discontinuity()).isFalse();

        converter.video(sequenceHeader(SPS, PPS), 40); // repeated, unchanged
        assertThat(converter.video(frame("27 01 000000", P_SLICE), 40).discontinuity()).isFalse();

        converter.video(sequenceHeader(OTHER_SPS, PPS), 80);
        AVPacket afterChange = converter.video(frame("17 01 000000", IDR), 80);
        assertThat(afterChange.discontinuity()).isTrue();
        assertThat(AnnexB.splitNalUnits(afterChange.data())).containsExactly(OTHER_SPS, PPS, IDR);
        assertThat(converter.video(frame("27 01 000000", P_SLICE), 120).discontinuity()).isFalse();
    }

    @Test
    void returnsRawAacFramesAfterTheSequenceHeader() {
        assertThat(converter.audio(Hex.bytes("AF 01 2100"), 0)).as("before the sequence header").isNull();
        assertThat(converter.audio(Hex.bytes("AF 00 1210"), 0)).isNull();
        assertThat(converter.aacConfig()).isEqualTo(new AudioSpecificConfig(2, 44100, 2));
        assertThat(converter.aacConfigRecord()).isEqualTo(Hex.bytes("1210"));

        AVPacket packet = converter.audio(Hex.bytes("AF 01 21 1B 80"), 23);

        assertThat(packet.kind()).isEqualTo(FrameKind.AAC);
        assertThat(packet.data()).isEqualTo(Hex.bytes("21 1B 80"));
        assertThat(packet.pts()).isEqualTo(23);
        assertThat(packet.dts()).isEqualTo(23);
        assertThat(packet.keyframe()).isTrue();
        assertThat(packet.discontinuity()).isFalse();
    }

    @Test
    void passesMp3ThroughAndIgnoresUnknownAudio() {
        AVPacket mp3 = converter.audio(Hex.bytes("2F FFFB9064"), 10);
        assertThat(mp3.kind()).isEqualTo(FrameKind.MP3);
        assertThat(mp3.data()).isEqualTo(Hex.bytes("FFFB9064"));

        assertThat(converter.audio(Hex.bytes("6F 0102"), 10)).as("Nellymoser").isNull();
        assertThat(converter.audio(Hex.bytes("91 7A7A7A7A 0102"), 10)).as("unknown enhanced audio").isNull();
        assertThat(converter.audio(Hex.bytes("91 4F707573 0102"), 10)).as("Opus before its OpusHead").isNull();
    }

    @Test
    void passesDataMessagesThrough() {
        AVPacket data = converter.data(Hex.bytes("02 0004 74657374 05"), 5);

        assertThat(data.kind()).isEqualTo(FrameKind.DATA);
        assertThat(data.data()).isEqualTo(Hex.bytes("02 0004 74657374 05"));
    }

    @Test
    void rejectsMalformedBodies() {
        converter.video(sequenceHeader(SPS, PPS), 0);

        assertThatThrownBy(() -> converter.video(Hex.bytes("17 01 000000 00000009 65"), 0)).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> converter.video(Hex.bytes("17 00 000000 01 64"), 0)).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> converter.video(new byte[0], 0)).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> converter.audio(Hex.bytes("AF 00 12"), 0)).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> converter.audio(Hex.bytes("AF"), 0)).isInstanceOf(MediaFormatException.class);
    }
}
