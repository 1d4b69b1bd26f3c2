package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;

import java.util.Objects;

/**
 * What an init segment says about one track: its codec, the sample entry with the decoder configuration box
 * (ISO/IEC 14496-12 section 8.5.2; avcC and hvcC from ISO/IEC 14496-15, av1C and vpcC from the AV1 and VP codec ISO
 * media file format bindings, esds from ISO/IEC 14496-14, dOps from the Opus-in-ISOBMFF encapsulation), the media
 * timescale (90 kHz for video, the sample rate for audio) and the RFC 6381 codecs string an HLS playlist names it by.
 *
 * <p>A format also turns the stream core's {@link AVPacket} payloads into sample data ({@link #sampleData}) and tells
 * from a keyframe whether the stream's parameters changed ({@link #atKeyframe}); a changed format needs a new init
 * segment. Formats are immutable and compare by what they would write.
 */
public abstract sealed class TrackFormat
        permits AvcTrackFormat, HevcTrackFormat, Av1TrackFormat, Vp9TrackFormat, AacTrackFormat, OpusTrackFormat {

    private String identity;

    /** Media timescale of every video track: ticks per second, so a millisecond is exactly 90 ticks. */
    public static final int VIDEO_TIMESCALE = 90_000;

    /**
     * The format of a track from its decoder configuration, what a sequence header carries: the avcC or hvcC record,
     * the av1C record, the vpcC body (version and flags first), the AudioSpecificConfig or the OpusHead.
     *
     * @throws MediaFormatException if the configuration is malformed or the codec has no fMP4 form here (MP3, DATA)
     */
    public static TrackFormat of(FrameKind kind, byte[] configuration) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(configuration, "configuration");
        return switch (kind) {
            case H264 -> AvcTrackFormat.of(configuration);
            case H265 -> HevcTrackFormat.of(configuration);
            case AV1 -> Av1TrackFormat.of(configuration);
            case VP9 -> Vp9TrackFormat.of(configuration);
            case AAC -> AacTrackFormat.of(configuration);
            case OPUS -> OpusTrackFormat.of(configuration);
            default -> throw new MediaFormatException(kind + " cannot be carried in fragmented MP4 by this muxer"
                    + " (it carries H264, H265, AV1, VP9, AAC and OPUS)");
        };
    }

    /** True if {@link #of} accepts {@code kind}. */
    public static boolean canCarry(FrameKind kind) {
        return switch (kind) {
            case H264, H265, AV1, VP9, AAC, OPUS -> true;
            default -> false;
        };
    }

    public abstract FrameKind kind();

    /** Ticks per second of the track's decode and composition times. */
    public abstract int timescale();

    /** The RFC 6381 codecs parameter, for example {@code avc1.64001f} or {@code mp4a.40.2}. */
    public abstract String codecs();

    /** Displayed width in pixels; 0 for audio and for a VP9 track before its first key frame. */
    public int width() {
        return 0;
    }

    /** Displayed height in pixels; 0 for audio and for a VP9 track before its first key frame. */
    public int height() {
        return 0;
    }

    /** Channels for audio, 0 for video. */
    public int channels() {
        return 0;
    }

    public final boolean isVideo() {
        return kind().isVideo();
    }

    /** The handler type of the track's hdlr box: {@code vide} or {@code soun}. */
    final String handlerType() {
        return isVideo() ? "vide" : "soun";
    }

    /** False while the format lacks something its sample entry needs (a VP9 track's picture size). */
    boolean complete() {
        return true;
    }

    /** Writes the sample entry box (avc1, hvc1, av01, vp09, mp4a or Opus) with its configuration box. */
    abstract void writeSampleEntry(BoxWriter out);

    /** The sample data of a packet of this track, in this format's sample form. */
    abstract byte[] sampleData(AVPacket packet);

    /**
     * The format a keyframe of this track implies: this one when the keyframe's in-band parameters (SPS, sequence
     * header, frame size) match it, else a new format built from them.
     */
    TrackFormat atKeyframe(AVPacket keyframe) {
        return this;
    }

    /** The duration in timescale ticks an audio packet covers by itself (AAC: 1024 samples; Opus: its TOC). */
    long nominalDuration(AVPacket packet) {
        throw new UnsupportedOperationException(kind() + " has no nominal sample duration");
    }

    /** The fixed fields of a VisualSampleEntry (section 12.1.3) up to where the codec's boxes follow. */
    static void visualSampleEntryFields(BoxWriter out, int width, int height) {
        out.zeros(6).u16(1); // reserved, data_reference_index
        out.u16(0).u16(0).zeros(12); // pre_defined, reserved, pre_defined[3]
        out.u16(width).u16(height);
        out.u32(0x0048_0000).u32(0x0048_0000); // 72 dpi
        out.u32(0).u16(1); // reserved, frame_count
        out.zeros(32); // compressorname: empty
        out.u16(0x0018).u16(0xFFFF); // depth 24, pre_defined -1
    }

    /** The fixed fields of an AudioSampleEntry (section 12.2.3), version 0. */
    static void audioSampleEntryFields(BoxWriter out, int channels, int sampleRate) {
        out.zeros(6).u16(1); // reserved, data_reference_index
        out.zeros(8); // reserved[2]
        out.u16(channels).u16(16); // channelcount, samplesize
        out.u16(0).u16(0); // pre_defined, reserved
        // 16.16 fixed point: a rate above 65535 Hz does not fit; the decoder configuration still has it.
        out.u32(sampleRate <= 0xFFFF ? (long) sampleRate << 16 : 0);
    }

    static String hex2(int value) {
        return String.format("%02x", value & 0xFF);
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof TrackFormat that && that.getClass() == getClass() && identity().equals(that.identity());
    }

    @Override
    public final int hashCode() {
        return identity().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + codecs() + (isVideo() ? ", " + width() + "x" + height()
                : ", " + channels() + " ch, " + timescale() + " Hz") + "]";
    }

    /** What this format writes, for equality: the sample entry bytes (computed once; formats are immutable). */
    private String identity() {
        String known = identity;
        if (known == null) {
            BoxWriter out = new BoxWriter(256);
            writeSampleEntry(out);
            known = java.util.HexFormat.of().formatHex(out.toByteArray());
            identity = known;
        }
        return known;
    }
}
