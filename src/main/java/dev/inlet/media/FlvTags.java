package dev.inlet.media;

/**
 * The framing of an FLV stream (FLV v10.1 annex E.2–E.3), in pieces that let a writer send a tag's
 * body as it is: the file header, a tag's 11-byte header, and the PreviousTagSize that follows it.
 * Timestamps are FLV's unsigned 32 bits (24 bits plus the extended byte).
 */
public final class FlvTags {

    public static final int TAG_HEADER_SIZE = 11;
    public static final int MAX_BODY_SIZE = 0xFF_FFFF;
    private static final int HEADER_SIZE = 9;
    private static final int FLAG_AUDIO = 0x04;
    private static final int FLAG_VIDEO = 0x01;

    private FlvTags() {
    }

    /** The 9-byte FLV header followed by PreviousTagSize0. */
    public static byte[] fileHeader(boolean hasAudio, boolean hasVideo) {
        return new byte[]{'F', 'L', 'V', 1, (byte) ((hasAudio ? FLAG_AUDIO : 0) | (hasVideo ? FLAG_VIDEO : 0)),
                0, 0, 0, HEADER_SIZE, 0, 0, 0, 0};
    }

    /** The header of a tag whose body is {@code bodyLength} bytes. */
    public static byte[] tagHeader(int tagType, long timestampMs, int bodyLength) {
        if (tagType != FlvTagSink.AUDIO && tagType != FlvTagSink.VIDEO && tagType != FlvTagSink.SCRIPT_DATA) {
            throw new IllegalArgumentException("FLV tag type " + tagType);
        }
        if (timestampMs < 0) {
            throw new IllegalArgumentException("negative FLV timestamp " + timestampMs);
        }
        if (bodyLength > MAX_BODY_SIZE) {
            throw new IllegalArgumentException("FLV tag body of " + bodyLength + " bytes exceeds " + MAX_BODY_SIZE);
        }
        long timestamp = timestampMs & 0xFFFF_FFFFL;
        byte[] header = new byte[TAG_HEADER_SIZE];
        header[0] = (byte) tagType;
        Bytes.putU24(header, 1, bodyLength);
        Bytes.putU24(header, 4, (int) timestamp);
        header[7] = (byte) (timestamp >>> 24); // TimestampExtended: the high byte
        // bytes 8..10: StreamID, always 0
        return header;
    }

    /** The PreviousTagSize written after a tag whose body is {@code bodyLength} bytes. */
    public static byte[] previousTagSize(int bodyLength) {
        int size = TAG_HEADER_SIZE + bodyLength;
        return new byte[]{(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
    }
}
