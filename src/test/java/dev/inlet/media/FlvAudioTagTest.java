package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlvAudioTagTest {

    @Test
    void readsAnAacSequenceHeader() {
        FlvAudioTag tag = FlvAudioTag.parse(Hex.bytes("AF 00 1210"));

        assertThat(tag.soundFormat()).isEqualTo(10);
        assertThat(tag.soundRate()).isEqualTo(3);
        assertThat(tag.soundRateHz()).isEqualTo(44100);
        assertThat(tag.soundSize()).isEqualTo(1);
        assertThat(tag.soundType()).isEqualTo(1);
        assertThat(tag.isStereo()).isTrue();
        assertThat(tag.isAac()).isTrue();
        assertThat(tag.isSequenceHeader()).isTrue();
        assertThat(tag.frameKind()).contains(FrameKind.AAC);
        assertThat(tag.payloadOffset()).isEqualTo(2);
        assertThat(tag.payloadLength()).isEqualTo(2);
    }

    @Test
    void readsARawAacFrame() {
        FlvAudioTag tag = FlvAudioTag.parse(Hex.bytes("AF 01 2100"));

        assertThat(tag.aacPacketType()).isEqualTo(FlvAudioTag.AAC_RAW);
        assertThat(tag.isSequenceHeader()).isFalse();
    }

    @Test
    void readsMp3AndUnknownFormats() {
        // MP3, 22 kHz (rate index 2), 16-bit, mono
        FlvAudioTag mp3 = FlvAudioTag.parse(Hex.bytes("2A FFFB"));
        assertThat(mp3.isMp3()).isTrue();
        assertThat(mp3.soundRateHz()).isEqualTo(22050);
        assertThat(mp3.isStereo()).isFalse();
        assertThat(mp3.frameKind()).contains(FrameKind.MP3);
        assertThat(mp3.aacPacketType()).isEqualTo(-1);
        assertThat(mp3.payloadOffset()).isEqualTo(1);

        // Enhanced RTMP: ex header, SequenceStart, FourCC 'Opus'
        FlvAudioTag enhanced = FlvAudioTag.parse(Hex.bytes("90 4F707573"));
        assertThat(enhanced.soundFormat()).isEqualTo(FlvAudioTag.FORMAT_EX_HEADER);
        assertThat(enhanced.frameKind()).contains(FrameKind.OPUS);
        assertThat(enhanced.isSequenceHeader()).isTrue();
        assertThat(enhanced.isAac()).isFalse();

        FlvAudioTag unknown = FlvAudioTag.parse(Hex.bytes("91 7A7A7A7A 0102"));
        assertThat(unknown.frameKind()).as("unknown FourCC").isEmpty();
        assertThat(unknown.codecName()).isEqualTo("zzzz");
        assertThat(unknown.payloadLength()).isEqualTo(2);

        FlvAudioTag nellymoser = FlvAudioTag.parse(Hex.bytes("62 00"));
        assertThat(nellymoser.frameKind()).isEmpty();
        assertThat(nellymoser.codecName()).isEqualTo("nellymoser");
    }

    @Test
    void rejectsTruncatedHeaders() {
        assertThatThrownBy(() -> FlvAudioTag.parse(new byte[0])).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> FlvAudioTag.parse(Hex.bytes("AF"))).isInstanceOf(MediaFormatException.class);
    }
}
