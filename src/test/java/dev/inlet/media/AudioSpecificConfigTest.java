package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AudioSpecificConfigTest {

    @Test
    void readsAacLc44100Stereo() {
        // 00010 0100 0010 000: object type 2, frequency index 4, channel configuration 2
        AudioSpecificConfig config = AudioSpecificConfig.parse(Hex.bytes("12 10"));

        assertThat(config).isEqualTo(new AudioSpecificConfig(2, 44100, 2));
        assertThat(config.toBytes()).isEqualTo(Hex.bytes("12 10"));
    }

    @Test
    void readsAacLc48000Stereo() {
        AudioSpecificConfig config = AudioSpecificConfig.parse(Hex.bytes("11 90"));

        assertThat(config).isEqualTo(new AudioSpecificConfig(2, 48000, 2));
        assertThat(config.toBytes()).isEqualTo(Hex.bytes("11 90"));
    }

    @Test
    void ignoresTrailingExtensionBits() {
        // HE-AAC backward-compatible signalling after the GASpecificConfig: sync extension 0x2B7, SBR object type 5
        assertThat(AudioSpecificConfig.parse(Hex.bytes("13 88 56 E5 A5 48 80")))
                .isEqualTo(new AudioSpecificConfig(2, 22050, 1));
    }

    @Test
    void writesAndReadsAnExplicitFrequency() {
        AudioSpecificConfig config = new AudioSpecificConfig(2, 44000, 1);
        byte[] bytes = config.toBytes();

        // 00010 1111 <24 bits of 44000> 0001 000
        assertThat(bytes).isEqualTo(Hex.bytes("17 80 55 F0 08"));
        assertThat(AudioSpecificConfig.parse(bytes)).isEqualTo(config);
    }

    @Test
    void writesAndReadsAnEscapedObjectType() {
        AudioSpecificConfig config = new AudioSpecificConfig(42, 48000, 2); // USAC: 31 + 1 + 10
        assertThat(AudioSpecificConfig.parse(config.toBytes())).isEqualTo(config);
        assertThat(config.toBytes()[0] & 0xF8).isEqualTo(31 << 3);
    }

    @Test
    void readsTheLargestEscapedObjectType() {
        // 11111 111111 0100 0010 ...: escape, extension 63 (object type 32 + 63 = 95), frequency index 4, 2 channels
        AudioSpecificConfig config = AudioSpecificConfig.parse(Hex.bytes("FF E8 40"));

        assertThat(config).isEqualTo(new AudioSpecificConfig(95, 44100, 2));
        assertThat(AudioSpecificConfig.parse(config.toBytes())).isEqualTo(config);
    }

    @Test
    void rejectsTruncatedOrReservedValues() {
        for (String asc : new String[] {"", "12", "17 80 55", "16 90", "00 00"}) {
            assertThatThrownBy(() -> AudioSpecificConfig.parse(Hex.bytes(asc)))
                    .as(asc).isInstanceOf(MediaFormatException.class);
        }
    }

    @Test
    void readsAnAdtsHeader() {
        // sync FFF, MPEG-4, layer 0, no CRC | LC, 44.1 kHz, stereo | frame length 371 | fullness 0x7FF | 1 raw block
        byte[] header = Hex.bytes("FF F1 50 80 2E 7F FC");

        assertThat(AudioSpecificConfig.fromAdts(header)).isEqualTo(new AudioSpecificConfig(2, 44100, 2));
        AdtsHeader adts = AdtsHeader.parse(header, 0);
        assertThat(adts.frameLength()).isEqualTo(371);
        assertThat(adts.headerLength()).isEqualTo(7);
        assertThat(adts.payloadLength()).isEqualTo(364);
        assertThat(adts.rawBlocks()).isEqualTo(1);
    }

    @Test
    void readsAnAdtsHeaderWithCrc() {
        // protection_absent 0 | LC, 48 kHz, mono | frame length 109
        AdtsHeader adts = AdtsHeader.parse(Hex.bytes("FF F0 4C 40 0D BF FC 12 34"), 0);

        assertThat(adts.config()).isEqualTo(new AudioSpecificConfig(2, 48000, 1));
        assertThat(adts.headerLength()).isEqualTo(9);
        assertThat(adts.frameLength()).isEqualTo(109);
    }

    @Test
    void buildsAnAdtsHeaderThatReadsBack() {
        AudioSpecificConfig config = new AudioSpecificConfig(2, 44100, 2);
        byte[] header = config.adtsHeader(364);

        assertThat(header).isEqualTo(Hex.bytes("FF F1 50 80 2E 7F FC"));
        assertThat(AdtsHeader.parse(header, 0).config()).isEqualTo(config);
    }

    @Test
    void rejectsBadAdtsHeaders() {
        for (String header : new String[] {"FF F1 50 80 2E 7F", "FF F3 50 80 2E 7F FC", "FF F1 50 80 00 1F FC", "FF F1 74 80 2E 7F FC"}) {
            // truncated; layer 1; frame length 0; frequency index 13 (reserved)
            assertThatThrownBy(() -> AudioSpecificConfig.fromAdts(Hex.bytes(header)))
                    .as(header).isInstanceOf(MediaFormatException.class);
        }
    }
}
