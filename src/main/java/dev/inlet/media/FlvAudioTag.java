package dev.inlet.media;

import java.util.List;
import java.util.Optional;

/**
 * The header of an FLV audio tag body (the payload of an RTMP audio message): the legacy layout of FLV v10.1
 * section E.4.2.1 (sound format, rate, size and type, then the AAC packet type for AAC) and the Enhanced RTMP
 * extended header (sound format 9, the audio packet type in the low nibble, ModEx, FourCC or multitrack).
 * Formats this package does not decode are still identified by {@link #codecName()}; their {@link #frameKind()}
 * is empty.
 */
public final class FlvAudioTag implements FlvMediaTag {

    public static final int FORMAT_LINEAR_PCM_PLATFORM = 0;
    public static final int FORMAT_ADPCM = 1;
    public static final int FORMAT_MP3 = 2;
    public static final int FORMAT_LINEAR_PCM_LE = 3;
    public static final int FORMAT_NELLYMOSER_16KHZ = 4;
    public static final int FORMAT_NELLYMOSER_8KHZ = 5;
    public static final int FORMAT_NELLYMOSER = 6;
    public static final int FORMAT_G711_ALAW = 7;
    public static final int FORMAT_G711_MULAW = 8;
    /** Reserved in FLV v10.1; Enhanced RTMP uses it to announce an ex header with a FourCC. */
    public static final int FORMAT_EX_HEADER = 9;
    public static final int FORMAT_AAC = 10;
    public static final int FORMAT_SPEEX = 11;
    public static final int FORMAT_MP3_8KHZ = 14;
    public static final int FORMAT_DEVICE_SPECIFIC = 15;

    public static final int AAC_SEQUENCE_HEADER = 0;
    public static final int AAC_RAW = 1;

    /** Enhanced RTMP audio packet types. */
    public static final int PACKET_SEQUENCE_START = 0;
    public static final int PACKET_CODED_FRAMES = 1;
    public static final int PACKET_SEQUENCE_END = 2;
    public static final int PACKET_MULTICHANNEL_CONFIG = 4;
    public static final int PACKET_MULTITRACK = 5;
    public static final int PACKET_MOD_EX = 7;

    private static final int[] RATES_HZ = {5512, 11025, 22050, 44100};
    private static final String[] FORMAT_NAMES = {"pcm", "adpcm", "mp3", "pcm_le", "nellymoser16k", "nellymoser8k",
            "nellymoser", "g711a", "g711u", "ex", "aac", "speex", "reserved12", "reserved13", "mp3_8k", "device"};

    private final byte[] body;
    private final int first;
    private final int packetType;
    private final int multitrackType;
    private final int timestampOffsetNanos;
    private final List<TagTrack> tracks;

    private FlvAudioTag(byte[] body, int first, int packetType, int multitrackType, int timestampOffsetNanos,
                        List<TagTrack> tracks) {
        this.body = body;
        this.first = first;
        this.packetType = packetType;
        this.multitrackType = multitrackType;
        this.timestampOffsetNanos = timestampOffsetNanos;
        this.tracks = tracks;
    }

    /** Reads the header of an audio tag body; throws {@link MediaFormatException} if it is truncated or malformed. */
    public static FlvAudioTag parse(byte[] body) {
        int first = Bytes.u8(body, 0, "audio tag header");
        int format = first >> 4;
        if (format == FORMAT_EX_HEADER) {
            EnhancedTagBody ex = EnhancedTagBody.parse(body, PACKET_MULTITRACK, false,
                    EnhancedTagBody.CompositionTimeRule.NONE, -1);
            return new FlvAudioTag(body, first, ex.packetType(), ex.multitrackType(), ex.timestampOffsetNanos(), ex.tracks());
        }
        if (format == FORMAT_AAC) {
            int aacPacketType = Bytes.u8(body, 1, "AAC packet type");
            return new FlvAudioTag(body, first, aacPacketType, -1, 0, List.of(new TagTrack(0, 0, 2, body.length - 2, 0)));
        }
        return new FlvAudioTag(body, first, -1, -1, 0, List.of(new TagTrack(0, 0, 1, body.length - 1, 0)));
    }

    @Override
    public byte[] body() {
        return body;
    }

    /** 2 MP3, 9 Enhanced RTMP, 10 AAC, 14 MP3 8 kHz, ... (FLV SoundFormat). */
    public int soundFormat() {
        return first >> 4;
    }

    /** The 2-bit rate index: 0 = 5.5 kHz, 1 = 11 kHz, 2 = 22 kHz, 3 = 44 kHz (meaningless for AAC and enhanced tags). */
    public int soundRate() {
        return (first >> 2) & 0x03;
    }

    public int soundRateHz() {
        return RATES_HZ[soundRate()];
    }

    /** 0 = 8-bit samples, 1 = 16-bit samples. */
    public int soundSize() {
        return (first >> 1) & 0x01;
    }

    /** 0 = mono, 1 = stereo. */
    public int soundType() {
        return first & 0x01;
    }

    public boolean isStereo() {
        return soundType() == 1;
    }

    @Override
    public boolean isExHeader() {
        return soundFormat() == FORMAT_EX_HEADER;
    }

    /** The FourCC of the first track of an enhanced tag, or 0. */
    public int fourCc() {
        return isExHeader() && !tracks.isEmpty() ? tracks.get(0).fourCc() : 0;
    }

    public boolean isAac() {
        return soundFormat() == FORMAT_AAC || fourCc() == FourCc.MP4A;
    }

    public boolean isMp3() {
        return soundFormat() == FORMAT_MP3 || soundFormat() == FORMAT_MP3_8KHZ || fourCc() == FourCc.MP3;
    }

    public boolean isOpus() {
        return fourCc() == FourCc.OPUS;
    }

    public Optional<FrameKind> frameKind() {
        if (isExHeader()) {
            return FourCc.frameKind(fourCc());
        }
        if (isAac()) {
            return Optional.of(FrameKind.AAC);
        }
        return isMp3() ? Optional.of(FrameKind.MP3) : Optional.empty();
    }

    /** A short name of the codec: {@code aac}, {@code mp3}, {@code nellymoser}, {@code g711a}, or an enhanced FourCC. */
    public String codecName() {
        if (isExHeader()) {
            Optional<FrameKind> kind = frameKind();
            return kind.map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).orElse(FourCc.toString(fourCc()));
        }
        return formatName(soundFormat());
    }

    /** The name of a legacy sound format (0..15). */
    public static String formatName(int soundFormat) {
        return FORMAT_NAMES[soundFormat];
    }

    /** The legacy AAC packet type: 0 sequence header (AudioSpecificConfig), 1 raw AAC frame; -1 otherwise. */
    public int aacPacketType() {
        return soundFormat() == FORMAT_AAC ? packetType : -1;
    }

    /** The Enhanced RTMP audio packet type (ModEx and multitrack resolved), or -1 for a legacy tag. */
    public int exPacketType() {
        return isExHeader() ? packetType : -1;
    }

    /** A decoder configuration: a legacy AAC sequence header or an enhanced SequenceStart. */
    @Override
    public boolean isSequenceHeader() {
        if (isExHeader()) {
            return packetType == PACKET_SEQUENCE_START;
        }
        return soundFormat() == FORMAT_AAC && packetType == AAC_SEQUENCE_HEADER;
    }

    /** Coded audio: AAC raw frames, enhanced CodedFrames, or any legacy format's frame. */
    @Override
    public boolean isCodedFrame() {
        if (isExHeader()) {
            return packetType == PACKET_CODED_FRAMES;
        }
        return soundFormat() != FORMAT_AAC || packetType == AAC_RAW;
    }

    @Override
    public boolean isMultitrack() {
        return multitrackType >= 0;
    }

    public int multitrackType() {
        return multitrackType;
    }

    public int timestampOffsetNanos() {
        return timestampOffsetNanos;
    }

    @Override
    public List<TagTrack> tracks() {
        return tracks;
    }

    @Override
    public Optional<FrameKind> frameKind(TagTrack track) {
        if (!isExHeader()) {
            return frameKind();
        }
        return FourCc.frameKind(track.fourCc()).filter(FrameKind::isAudio);
    }

    /** Audio has no key frames: a decoder starts at any frame once configured. */
    @Override
    public boolean startsDecoding() {
        return false;
    }

    /** Where the first track's codec data starts in the body: 2 for legacy AAC, 1 for other legacy formats. */
    public int payloadOffset() {
        return tracks.isEmpty() ? 1 : tracks.get(0).offset();
    }

    public int payloadLength() {
        return tracks.isEmpty() ? 0 : tracks.get(0).length();
    }

    /** A single-track enhanced body with only {@code track}, for players that did not negotiate multitrack. */
    @Override
    public byte[] singleTrackBody(TagTrack track) {
        byte[] out = new byte[5 + track.length()];
        out[0] = (byte) (FORMAT_EX_HEADER << 4 | packetType);
        FlvVideoTag.putFourCc(out, 1, track.fourCc());
        System.arraycopy(body, track.offset(), out, 5, track.length());
        return out;
    }

    @Override
    public String toString() {
        return "FlvAudioTag[format=" + soundFormat() + ", packetType=" + packetType
                + (isExHeader() ? ", fourCc=" + FourCc.toString(fourCc()) : "") + ", tracks=" + tracks.size() + "]";
    }
}
