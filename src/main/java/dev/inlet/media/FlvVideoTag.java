package dev.inlet.media;

import java.util.Optional;

/**
 * The header of an FLV video tag body (the payload of an RTMP video message), FLV v10.1 section E.4.3.1.
 *
 * <p>The first byte is read in the Enhanced RTMP layout, which is a superset of the legacy one: bit 7 is
 * {@code IsExHeader}, bits 4-6 the frame type, bits 0-3 the legacy codec id or, with the ex header, the
 * enhanced packet type followed by a FourCC. Legacy frame types never set bit 7, so legacy tags read
 * the same either way. Enhanced tags are recognised but not interpreted yet: {@link #frameKind()} is empty for
 * them, exactly as for unknown legacy codecs, so they are never mistaken for H.264.
 */
public final class FlvVideoTag {

    public static final int FRAME_TYPE_KEY = 1;
    public static final int FRAME_TYPE_INTER = 2;
    public static final int FRAME_TYPE_DISPOSABLE_INTER = 3;
    public static final int FRAME_TYPE_GENERATED_KEY = 4;
    public static final int FRAME_TYPE_COMMAND = 5;

    public static final int CODEC_AVC = 7;

    public static final int AVC_SEQUENCE_HEADER = 0;
    public static final int AVC_NALU = 1;
    public static final int AVC_END_OF_SEQUENCE = 2;

    private static final int EX_HEADER_BIT = 0x80;
    private static final int AVC_HEADER_SIZE = 5;
    private static final int EX_HEADER_SIZE = 5;

    private final int frameType;
    private final boolean exHeader;
    private final int codecId;
    private final int exPacketType;
    private final int fourCc;
    private final int avcPacketType;
    private final int compositionTime;
    private final int payloadOffset;
    private final int payloadLength;

    private FlvVideoTag(int frameType, boolean exHeader, int codecId, int exPacketType, int fourCc,
                        int avcPacketType, int compositionTime, int payloadOffset, int bodyLength) {
        this.frameType = frameType;
        this.exHeader = exHeader;
        this.codecId = codecId;
        this.exPacketType = exPacketType;
        this.fourCc = fourCc;
        this.avcPacketType = avcPacketType;
        this.compositionTime = compositionTime;
        this.payloadOffset = payloadOffset;
        this.payloadLength = bodyLength - payloadOffset;
    }

    /** Reads the header of a video tag body; throws {@link MediaFormatException} if it is truncated. */
    public static FlvVideoTag parse(byte[] body) {
        int first = Bytes.u8(body, 0, "video tag header");
        int frameType = (first >> 4) & 0x07;
        if ((first & EX_HEADER_BIT) != 0) {
            int fourCc = Bytes.u32AsInt(body, 1, "enhanced video tag FourCC");
            return new FlvVideoTag(frameType, true, -1, first & 0x0F, fourCc, -1, 0, EX_HEADER_SIZE, body.length);
        }
        int codecId = first & 0x0F;
        if (codecId != CODEC_AVC || frameType == FRAME_TYPE_COMMAND) {
            // A command frame carries a one-byte command, not an AVC packet header.
            return new FlvVideoTag(frameType, false, codecId, -1, 0, -1, 0, 1, body.length);
        }
        int avcPacketType = Bytes.u8(body, 1, "AVC packet type");
        int compositionTime = Bytes.s24(body, 2, "AVC composition time");
        return new FlvVideoTag(frameType, false, codecId, -1, 0, avcPacketType, compositionTime, AVC_HEADER_SIZE, body.length);
    }

    /** 1 key frame, 2 inter frame, 3 disposable inter frame, 4 generated key frame, 5 video info/command. */
    public int frameType() {
        return frameType;
    }

    public boolean isKeyframe() {
        return frameType == FRAME_TYPE_KEY;
    }

    public boolean isCommandFrame() {
        return frameType == FRAME_TYPE_COMMAND;
    }

    /** The Enhanced RTMP {@code IsExHeader} bit: a FourCC follows instead of a legacy codec id. */
    public boolean isExHeader() {
        return exHeader;
    }

    /** The legacy codec id (7 = AVC), or -1 for an enhanced tag. */
    public int codecId() {
        return codecId;
    }

    /** The Enhanced RTMP packet type (low nibble of the first byte), or -1 for a legacy tag. */
    public int exPacketType() {
        return exPacketType;
    }

    /** The Enhanced RTMP FourCC (for example {@code 'hvc1'}) as a big-endian int, or 0 for a legacy tag. */
    public int fourCc() {
        return fourCc;
    }

    public boolean isAvc() {
        return !exHeader && codecId == CODEC_AVC;
    }

    /** The codec this package can decode the tag as; empty for unknown codecs and (for now) enhanced tags. */
    public Optional<FrameKind> frameKind() {
        return isAvc() ? Optional.of(FrameKind.H264) : Optional.empty();
    }

    /** 0 sequence header, 1 NAL units, 2 end of sequence; -1 when the tag is not an AVC packet. */
    public int avcPacketType() {
        return avcPacketType;
    }

    public boolean isSequenceHeader() {
        return isAvc() && avcPacketType == AVC_SEQUENCE_HEADER;
    }

    /** Composition time offset in milliseconds (signed, sign-extended from 24 bits); 0 when absent. */
    public int compositionTime() {
        return compositionTime;
    }

    /**
     * Where the codec data starts in the body: after the 5-byte AVC header, after the 1-byte legacy header for
     * other codecs, or after byte 0 and the FourCC for an enhanced tag (the packet-type specific fields follow).
     */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    @Override
    public String toString() {
        return exHeader
                ? "FlvVideoTag[ex, frameType=" + frameType + ", packetType=" + exPacketType + ", fourCc=" + FourCc.toString(fourCc) + "]"
                : "FlvVideoTag[frameType=" + frameType + ", codec=" + codecId + ", avcPacketType=" + avcPacketType
                  + ", cts=" + compositionTime + "]";
    }
}
