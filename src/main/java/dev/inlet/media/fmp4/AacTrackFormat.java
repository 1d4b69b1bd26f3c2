package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.AudioSpecificConfig;
import dev.inlet.media.FrameKind;

/**
 * An AAC track: sample entry {@code mp4a} with an {@code esds} (ISO/IEC 14496-14 section 5.6) whose
 * DecoderSpecificInfo is the AudioSpecificConfig exactly as the publisher sent it (extensions such as explicit SBR
 * signalling kept). Timescale: the configuration's sampling frequency; every raw frame is 1024 samples.
 */
public final class AacTrackFormat extends TrackFormat {

    private static final int ES_DESCRIPTOR = 0x03;
    private static final int DECODER_CONFIG_DESCRIPTOR = 0x04;
    private static final int DECODER_SPECIFIC_INFO = 0x05;
    private static final int SL_CONFIG_DESCRIPTOR = 0x06;
    /** objectTypeIndication of MPEG-4 audio (ISO/IEC 14496-1 table 5). */
    private static final int MPEG4_AUDIO = 0x40;
    /** streamType 5 (audio) in the upper six bits, upStream 0, reserved 1. */
    private static final int AUDIO_STREAM = 0x05 << 2 | 0x01;

    private final byte[] record;
    private final AudioSpecificConfig config;

    private AacTrackFormat(byte[] record, AudioSpecificConfig config) {
        this.record = record;
        this.config = config;
    }

    static AacTrackFormat of(byte[] audioSpecificConfig) {
        return new AacTrackFormat(audioSpecificConfig.clone(), AudioSpecificConfig.parse(audioSpecificConfig));
    }

    public AudioSpecificConfig config() {
        return config;
    }

    @Override
    public FrameKind kind() {
        return FrameKind.AAC;
    }

    @Override
    public int timescale() {
        return config.sampleRate();
    }

    @Override
    public String codecs() {
        return "mp4a.40." + config.objectType();
    }

    /** The channel configuration; 0 (a program config element decides) is announced as stereo. */
    @Override
    public int channels() {
        return config.channels() == 0 ? 2 : config.channels() == 7 ? 8 : config.channels();
    }

    @Override
    void writeSampleEntry(BoxWriter out) {
        out.begin("mp4a");
        audioSampleEntryFields(out, channels(), config.sampleRate());
        out.beginFull("esds", 0, 0);
        int decoderSpecificInfo = record.length;
        int decoderConfig = 13 + withHeader(decoderSpecificInfo);
        int esDescriptor = 3 + withHeader(decoderConfig) + withHeader(1);
        descriptorHeader(out, ES_DESCRIPTOR, esDescriptor);
        out.u16(0).u8(0); // ES_ID 0 in a file (ISO/IEC 14496-14 section 3.1.2), no dependency, URL or OCR stream
        descriptorHeader(out, DECODER_CONFIG_DESCRIPTOR, decoderConfig);
        out.u8(MPEG4_AUDIO).u8(AUDIO_STREAM).u24(0).u32(0).u32(0); // bufferSizeDB, maxBitrate, avgBitrate unknown
        descriptorHeader(out, DECODER_SPECIFIC_INFO, decoderSpecificInfo);
        out.bytes(record);
        descriptorHeader(out, SL_CONFIG_DESCRIPTOR, 1);
        out.u8(0x02); // predefined: reserved for MP4 files
        out.end();
        out.end();
    }

    @Override
    byte[] sampleData(AVPacket packet) {
        return packet.data();
    }

    @Override
    long nominalDuration(AVPacket packet) {
        return config.samplesPerFrame();
    }

    /** A descriptor's whole length: tag, size field and payload. */
    private static int withHeader(int payload) {
        return 1 + sizeBytes(payload) + payload;
    }

    private static int sizeBytes(int size) {
        return size < 0x80 ? 1 : size < 0x4000 ? 2 : size < 0x20_0000 ? 3 : 4;
    }

    /** A descriptor tag and its expandable size (ISO/IEC 14496-1 section 8.3.3): 7 bits per byte, high bit = more. */
    private static void descriptorHeader(BoxWriter out, int tag, int size) {
        out.u8(tag);
        int bytes = sizeBytes(size);
        for (int i = bytes - 1; i > 0; i--) {
            out.u8(0x80 | (size >>> (7 * i)) & 0x7F);
        }
        out.u8(size & 0x7F);
    }
}
