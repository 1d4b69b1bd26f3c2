package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlvVideoTagTest {

    @Test
    void readsAnAvcSequenceHeader() {
        FlvVideoTag tag = FlvVideoTag.parse(Hex.bytes("17 00 000000 01640028"));

        assertThat(tag.frameType()).isEqualTo(1);
        assertThat(tag.isKeyframe()).isTrue();
        assertThat(tag.isAvc()).isTrue();
        assertThat(tag.isExHeader()).isFalse();
        assertThat(tag.codecId()).isEqualTo(7);
        assertThat(tag.isSequenceHeader()).isTrue();
        assertThat(tag.frameKind()).contains(FrameKind.H264);
        assertThat(tag.payloadOffset()).isEqualTo(5);
        assertThat(tag.payloadLength()).isEqualTo(4);
    }

    @Test
    void signExtendsANegativeCompositionTime() {
        // 0xFFFFD8 is -40 in 24-bit two's complement
        FlvVideoTag tag = FlvVideoTag.parse(Hex.bytes("27 01 FFFFD8 00000001 41"));

        assertThat(tag.isKeyframe()).isFalse();
        assertThat(tag.frameType()).isEqualTo(FlvVideoTag.FRAME_TYPE_INTER);
        assertThat(tag.avcPacketType()).isEqualTo(FlvVideoTag.AVC_NALU);
        assertThat(tag.isSequenceHeader()).isFalse();
        assertThat(tag.compositionTime()).isEqualTo(-40);
    }

    @Test
    void readsLargestAndSmallestCompositionTimes() {
        assertThat(FlvVideoTag.parse(Hex.bytes("27 01 7FFFFF")).compositionTime()).isEqualTo(8_388_607);
        assertThat(FlvVideoTag.parse(Hex.bytes("27 01 800000")).compositionTime()).isEqualTo(-8_388_608);
        assertThat(FlvVideoTag.parse(Hex.bytes("27 01 000050")).compositionTime()).isEqualTo(80);
    }

    @Test
    void reportsAnEnhancedHeaderAsAnUnknownCodecNotAsAvc() {
        // IsExHeader | key frame | PacketTypeSequenceStart (0), FourCC 'hvc1'; low nibble 0 must not read as codec 7 either
        FlvVideoTag start = FlvVideoTag.parse(Hex.bytes("90 68766331 01"));
        // IsExHeader | key frame | PacketTypeCodedFrames (1) with the low nibble 7 that would mean AVC in a legacy tag
        FlvVideoTag seven = FlvVideoTag.parse(Hex.bytes("97 68766331 000000"));

        for (FlvVideoTag tag : new FlvVideoTag[] {start, seven}) {
            assertThat(tag.isExHeader()).isTrue();
            assertThat(tag.isAvc()).isFalse();
            assertThat(tag.isSequenceHeader()).isFalse();
            assertThat(tag.frameKind()).isEmpty();
            assertThat(tag.frameType()).isEqualTo(1);
            assertThat(tag.fourCc()).isEqualTo(FourCc.of("hvc1"));
            assertThat(tag.payloadOffset()).isEqualTo(5);
        }
        assertThat(seven.exPacketType()).isEqualTo(7);
        assertThat(start.exPacketType()).isEqualTo(0);
    }

    @Test
    void reportsOtherLegacyCodecsAsUnknown() {
        FlvVideoTag vp6 = FlvVideoTag.parse(Hex.bytes("14 00112233"));

        assertThat(vp6.codecId()).isEqualTo(4);
        assertThat(vp6.isAvc()).isFalse();
        assertThat(vp6.frameKind()).isEmpty();
        assertThat(vp6.avcPacketType()).isEqualTo(-1);
        assertThat(vp6.payloadOffset()).isEqualTo(1);
    }

    @Test
    void readsAnAvcCommandFrameWithoutAnAvcHeader() {
        FlvVideoTag command = FlvVideoTag.parse(Hex.bytes("57 00"));

        assertThat(command.isCommandFrame()).isTrue();
        assertThat(command.isSequenceHeader()).isFalse();
        assertThat(command.payloadOffset()).isEqualTo(1);
    }

    @Test
    void rejectsTruncatedHeaders() {
        for (String body : new String[] {"", "17", "17 00", "27 01 FFFF", "90", "90 687663"}) {
            assertThatThrownBy(() -> FlvVideoTag.parse(Hex.bytes(body)))
                    .as(body).isInstanceOf(MediaFormatException.class);
        }
    }
}
