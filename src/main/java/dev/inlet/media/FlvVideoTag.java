package dev.inlet.media;

import java.util.List;
import java.util.Optional;

/**
 * The header of an FLV video tag body (the payload of an RTMP video message): the legacy layout of FLV v10.1
 * section E.4.3.1 and the Enhanced RTMP v1/v2 extended header.
 *
 * <p>The first byte is read in the Enhanced RTMP layout, a superset of the legacy one: bit 7 is {@code IsExHeader},
 * bits 4-6 the frame type, bits 0-3 the legacy codec id or, with the ex header, the video packet type. An enhanced
 * header may start with a chain of ModEx modifiers (the nanosecond timestamp offset), then either a FourCC or a
 * multitrack header, then per-track bodies; {@link #tracks()} says where each track's codec data is. A FourCC this
 * package does not know gives an empty {@link #frameKind()}: the tag is passed on, never read as H.264.
 */
public final class FlvVideoTag implements FlvMediaTag {

    public static final int FRAME_TYPE_KEY = 1;
    public static final int FRAME_TYPE_INTER = 2;
    public static final int FRAME_TYPE_DISPOSABLE_INTER = 3;
    public static final int FRAME_TYPE_GENERATED_KEY = 4;
    public static final int FRAME_TYPE_COMMAND = 5;

    public static final int CODEC_AVC = 7;

    public static final int AVC_SEQUENCE_HEADER = 0;
    public static final int AVC_NALU = 1;
    public static final int AVC_END_OF_SEQUENCE = 2;

    /** Enhanced RTMP video packet types. */
    public static final int PACKET_SEQUENCE_START = 0;
    public static final int PACKET_CODED_FRAMES = 1;
    public static final int PACKET_SEQUENCE_END = 2;
    public static final int PACKET_CODED_FRAMES_X = 3;
    public static final int PACKET_METADATA = 4;
    public static final int PACKET_MPEG2TS_SEQUENCE_START = 5;
    public static final int PACKET_MULTITRACK = 6;
    public static final int PACKET_MOD_EX = 7;

    private static final int EX_HEADER_BIT = 0x80;
    private static final int AVC_HEADER_SIZE = 5;
    /** Only AVC and HEVC coded frames carry a composition time; CodedFramesX means it is zero. */
    private static final EnhancedTagBody.CompositionTimeRule CTS_RULE = (fourCc, packetType) ->
            packetType == PACKET_CODED_FRAMES && (fourCc == FourCc.AVC1 || fourCc == FourCc.HVC1);

    private final byte[] body;
    private final int frameType;
    private final boolean exHeader;
    private final int codecId;
    private final int packetType;
    private final int multitrackType;
    private final int timestampOffsetNanos;
    private final int command;
    private final List<TagTrack> tracks;

    private FlvVideoTag(byte[] body, int frameType, boolean exHeader, int codecId, int packetType, int multitrackType,
                        int timestampOffsetNanos, int command, List<TagTrack> tracks) {
        this.body = body;
        this.frameType = frameType;
        this.exHeader = exHeader;
        this.codecId = codecId;
        this.packetType = packetType;
        this.multitrackType = multitrackType;
        this.timestampOffsetNanos = timestampOffsetNanos;
        this.command = command;
        this.tracks = tracks;
    }

    /** Reads the header of a video tag body; throws {@link MediaFormatException} if it is truncated or malformed. */
    public static FlvVideoTag parse(byte[] body) {
        int first = Bytes.u8(body, 0, "video tag header");
        int frameType = (first >> 4) & 0x07;
        if ((first & EX_HEADER_BIT) != 0) {
            EnhancedTagBody ex = EnhancedTagBody.parse(body, PACKET_MULTITRACK, frameType == FRAME_TYPE_COMMAND,
                    CTS_RULE, PACKET_METADATA);
            return new FlvVideoTag(body, frameType, true, -1, ex.packetType(), ex.multitrackType(),
                    ex.timestampOffsetNanos(), ex.command(), ex.tracks());
        }
        int codecId = first & 0x0F;
        if (frameType == FRAME_TYPE_COMMAND) {
            // A command frame carries a one-byte command, not an AVC packet header.
            return new FlvVideoTag(body, frameType, false, codecId, -1, -1, 0, Bytes.u8(body, 1, "video command"), List.of());
        }
        if (codecId != CODEC_AVC) {
            return new FlvVideoTag(body, frameType, false, codecId, -1, -1, 0, -1,
                    List.of(new TagTrack(0, 0, 1, body.length - 1, 0)));
        }
        int avcPacketType = Bytes.u8(body, 1, "AVC packet type");
        int compositionTime = Bytes.s24(body, 2, "AVC composition time");
        return new FlvVideoTag(body, frameType, false, codecId, avcPacketType, -1, 0, -1,
                List.of(new TagTrack(0, 0, AVC_HEADER_SIZE, body.length - AVC_HEADER_SIZE, compositionTime)));
    }

    @Override
    public byte[] body() {
        return body;
    }

    /** 1 key frame, 2 inter frame, 3 disposable inter frame, 4 generated key frame, 5 video info/command. */
    public int frameType() {
        return frameType;
    }

    public boolean isKeyframe() {
        return frameType == FRAME_TYPE_KEY;
    }

    public boolean isCommandFrame() {
        return frameType == FRAME_TYPE_COMMAND && packetType != PACKET_METADATA;
    }

    /** The command byte of a command frame (0 start seek, 1 end seek), or -1. */
    public int command() {
        return command;
    }

    /** The Enhanced RTMP {@code IsExHeader} bit: a FourCC follows instead of a legacy codec id. */
    @Override
    public boolean isExHeader() {
        return exHeader;
    }

    /** The legacy codec id (7 = AVC), or -1 for an enhanced tag. */
    public int codecId() {
        return codecId;
    }

    /**
     * The Enhanced RTMP packet type that applies to the codec data (ModEx and Multitrack resolved), or -1 for a
     * legacy tag.
     */
    public int exPacketType() {
        return exHeader ? packetType : -1;
    }

    /** The FourCC of the first track (for example {@code 'hvc1'}) as a big-endian int, or 0 for a legacy tag. */
    public int fourCc() {
        return tracks.isEmpty() ? 0 : tracks.get(0).fourCc();
    }

    @Override
    public boolean isMultitrack() {
        return multitrackType >= 0;
    }

    /** 0 one track, 1 many tracks, 2 many tracks with many codecs; -1 for a single-track message. */
    public int multitrackType() {
        return multitrackType;
    }

    /** The ModEx nanosecond offset to add to the message timestamp (0..999999); 0 when absent. */
    public int timestampOffsetNanos() {
        return timestampOffsetNanos;
    }

    /** Where each track's codec data is; empty for command frames. */
    @Override
    public List<TagTrack> tracks() {
        return tracks;
    }

    public boolean isAvc() {
        return exHeader ? fourCc() == FourCc.AVC1 : codecId == CODEC_AVC;
    }

    /** The codec of the first track, if this package can decode it. */
    public Optional<FrameKind> frameKind() {
        if (!exHeader) {
            return codecId == CODEC_AVC ? Optional.of(FrameKind.H264) : Optional.empty();
        }
        return tracks.isEmpty() ? Optional.empty() : FourCc.frameKind(fourCc());
    }

    @Override
    public Optional<FrameKind> frameKind(TagTrack track) {
        if (!exHeader) {
            return frameKind();
        }
        return FourCc.frameKind(track.fourCc()).filter(FrameKind::isVideo);
    }

    /** A coded key frame: where a decoder (and a cached GOP) can start. */
    @Override
    public boolean startsDecoding() {
        return isKeyframe() && isCodedFrame();
    }

    /** The legacy AVC packet type: 0 sequence header, 1 NAL units, 2 end of sequence; -1 for other tags. */
    public int avcPacketType() {
        return !exHeader && codecId == CODEC_AVC ? packetType : -1;
    }

    /** A decoder configuration: a legacy AVC sequence header or an enhanced SequenceStart. */
    @Override
    public boolean isSequenceHeader() {
        if (exHeader) {
            return packetType == PACKET_SEQUENCE_START && !isCommandFrame();
        }
        return codecId == CODEC_AVC && packetType == AVC_SEQUENCE_HEADER && !isCommandFrame();
    }

    /** Coded pictures: legacy AVC NAL units, enhanced CodedFrames/CodedFramesX, or a legacy codec's frame. */
    @Override
    public boolean isCodedFrame() {
        if (isCommandFrame()) {
            return false;
        }
        if (exHeader) {
            return packetType == PACKET_CODED_FRAMES || packetType == PACKET_CODED_FRAMES_X;
        }
        return codecId != CODEC_AVC || packetType == AVC_NALU;
    }

    /** Composition time offset of the first track in milliseconds (sign-extended from 24 bits); 0 when absent. */
    public int compositionTime() {
        return tracks.isEmpty() ? 0 : tracks.get(0).compositionTime();
    }

    /** Where the first track's codec data starts in the body. */
    public int payloadOffset() {
        return tracks.isEmpty() ? 1 : tracks.get(0).offset();
    }

    public int payloadLength() {
        return tracks.isEmpty() ? 0 : tracks.get(0).length();
    }

    /**
     * A single-track enhanced tag body carrying only {@code track} of {@code body}: what a player that did not
     * negotiate multitrack receives. The ModEx chain is not carried over.
     */
    @Override
    public byte[] singleTrackBody(TagTrack track) {
        boolean withCts = CTS_RULE.applies(track.fourCc(), packetType);
        byte[] out = new byte[5 + (withCts ? 3 : 0) + track.length()];
        out[0] = (byte) (EX_HEADER_BIT | frameType << 4 | packetType);
        putFourCc(out, 1, track.fourCc());
        int position = 5;
        if (withCts) {
            Bytes.putU24(out, position, track.compositionTime());
            position += 3;
        }
        System.arraycopy(body, track.offset(), out, position, track.length());
        return out;
    }

    static void putFourCc(byte[] out, int offset, int fourCc) {
        out[offset] = (byte) (fourCc >>> 24);
        out[offset + 1] = (byte) (fourCc >>> 16);
        out[offset + 2] = (byte) (fourCc >>> 8);
        out[offset + 3] = (byte) fourCc;
    }

    @Override
    public String toString() {
        return exHeader
                ? "FlvVideoTag[ex, frameType=" + frameType + ", packetType=" + packetType + ", fourCc="
                  + FourCc.toString(fourCc()) + (isMultitrack() ? ", tracks=" + tracks.size() : "") + "]"
                : "FlvVideoTag[frameType=" + frameType + ", codec=" + codecId + ", avcPacketType=" + packetType
                  + ", cts=" + compositionTime() + "]";
    }
}
