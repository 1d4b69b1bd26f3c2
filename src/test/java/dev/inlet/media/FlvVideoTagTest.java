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
    void readsAnEnhancedHeaderByItsFourCcNeverAsAvc() {
        // IsExHeader | key frame | PacketTypeSequenceStart (0), FourCC 'hvc1'; low nibble 0 must not read as codec 7 either
        FlvVideoTag start = FlvVideoTag.parse(Hex.bytes("90 68766331 01"));
        // IsExHeader | key frame | ModEx (7, the low nibble that means AVC in a legacy tag): 3 bytes of nanoseconds,
        // then TimestampOffsetNano (0) | CodedFrames (1), FourCC 'hvc1', composition time 0
        FlvVideoTag seven = FlvVideoTag.parse(Hex.bytes("97 02 0F4240 01 68766331 000000 AA"));

        for (FlvVideoTag tag : new FlvVideoTag[] {start, seven}) {
            assertThat(tag.isExHeader()).isTrue();
            assertThat(tag.isAvc()).isFalse();
            assertThat(tag.frameKind()).contains(FrameKind.H265);
            assertThat(tag.frameType()).isEqualTo(1);
            assertThat(tag.fourCc()).isEqualTo(FourCc.of("hvc1"));
        }
        assertThat(start.isSequenceHeader()).isTrue();
        assertThat(start.payloadOffset()).isEqualTo(5);
        assertThat(seven.exPacketType()).isEqualTo(FlvVideoTag.PACKET_CODED_FRAMES);
        assertThat(seven.isCodedFrame()).isTrue();
        assertThat(seven.timestampOffsetNanos()).as("1,000,000 ns is capped at 999,999").isEqualTo(999_999);
        assertThat(seven.payloadOffset()).isEqualTo(13);
        assertThat(seven.payloadLength()).isEqualTo(1);

        FlvVideoTag unknown = FlvVideoTag.parse(Hex.bytes("91 76766331 00"));
        assertThat(unknown.frameKind()).as("vvc1 is not decoded").isEmpty();
        assertThat(unknown.isAvc()).isFalse();
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
