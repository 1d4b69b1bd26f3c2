package dev.inlet.media;

import java.util.Optional;

/**
 * The header of an FLV audio tag body (the payload of an RTMP audio message), FLV v10.1 section E.4.2.1:
 * sound format, rate, size and type in the first byte, then for AAC the AAC packet type.
 * Sound format 9 (reserved in FLV, the Enhanced RTMP ex header) and other unknown formats have an empty
 * {@link #frameKind()}.
 */
public final class FlvAudioTag {

    public static final int FORMAT_MP3 = 2;
    public static final int FORMAT_AAC = 10;
    public static final int FORMAT_MP3_8KHZ = 14;
    /** Reserved in FLV v10.1; Enhanced RTMP uses it to announce an ex header with a FourCC. */
    public static final int FORMAT_EX_HEADER = 9;

    public static final int AAC_SEQUENCE_HEADER = 0;
    public static final int AAC_RAW = 1;

    private static final int[] RATES_HZ = {5512, 11025, 22050, 44100};

    private final int soundFormat;
    private final int soundRate;
    private final int soundSize;
    private final int soundType;
    private final int aacPacketType;
    private final int payloadOffset;
    private final int payloadLength;

    private FlvAudioTag(int first, int aacPacketType, int payloadOffset, int bodyLength) {
        this.soundFormat = first >> 4;
        this.soundRate = (first >> 2) & 0x03;
        this.soundSize = (first >> 1) & 0x01;
        this.soundType = first & 0x01;
        this.aacPacketType = aacPacketType;
        this.payloadOffset = payloadOffset;
        this.payloadLength = bodyLength - payloadOffset;
    }

    /** Reads the header of an audio tag body; throws {@link MediaFormatException} if it is truncated. */
    public static FlvAudioTag parse(byte[] body) {
        int first = Bytes.u8(body, 0, "audio tag header");
        if (first >> 4 == FORMAT_AAC) {
            return new FlvAudioTag(first, Bytes.u8(body, 1, "AAC packet type"), 2, body.length);
        }
        return new FlvAudioTag(first, -1, 1, body.length);
    }

    /** 2 MP3, 10 AAC, 14 MP3 8 kHz, ... (FLV SoundFormat). */
    public int soundFormat() {
        return soundFormat;
    }

    /** The 2-bit rate index: 0 = 5.5 kHz, 1 = 11 kHz, 2 = 22 kHz, 3 = 44 kHz. AAC always says 3; its real rate is in the AudioSpecificConfig. */
    public int soundRate() {
        return soundRate;
    }

    public int soundRateHz() {
        return RATES_HZ[soundRate];
    }

    /** 0 = 8-bit samples, 1 = 16-bit samples. */
    public int soundSize() {
        return soundSize;
    }

    /** 0 = mono, 1 = stereo. */
    public int soundType() {
        return soundType;
    }

    public boolean isStereo() {
        return soundType == 1;
    }

    public boolean isAac() {
        return soundFormat == FORMAT_AAC;
    }

    public boolean isMp3() {
        return soundFormat == FORMAT_MP3 || soundFormat == FORMAT_MP3_8KHZ;
    }

    public Optional<FrameKind> frameKind() {
        if (isAac()) {
            return Optional.of(FrameKind.AAC);
        }
        return isMp3() ? Optional.of(FrameKind.MP3) : Optional.empty();
    }

    /** 0 sequence header (AudioSpecificConfig), 1 raw AAC frame; -1 when the tag is not AAC. */
    public int aacPacketType() {
        return aacPacketType;
    }

    public boolean isSequenceHeader() {
        return isAac() && aacPacketType == AAC_SEQUENCE_HEADER;
    }

    /** Where the codec data starts in the body: 2 for AAC, 1 otherwise. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    @Override
    public String toString() {
        return "FlvAudioTag[format=" + soundFormat + ", rate=" + soundRate + ", size=" + soundSize
                + ", type=" + soundType + ", aacPacketType=" + aacPacketType + "]";
    }
}
