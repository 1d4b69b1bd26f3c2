package dev.inlet.media;

/**
 * One reassembled PES packet (ISO/IEC 13818-1 section 2.4.3.6): its stream_id, 33-bit PTS and DTS in 90 kHz ticks
 * (-1 when absent) and the elementary stream bytes it carries.
 *
 * @param randomAccess the random_access_indicator of the TS packet the PES started in
 */
record PesPacket(int streamId, long pts, long dts, byte[] data, int payloadOffset, boolean randomAccess) {

    static final long NO_TIMESTAMP = -1;
    private static final int FIXED_HEADER = 6;
    private static final int OPTIONAL_HEADER = 3;
    private static final int PADDING_STREAM = 0xBE;
    private static final int PRIVATE_STREAM_2 = 0xBF;

    int payloadLength() {
        return data.length - payloadOffset;
    }

    /**
     * Reads the header of a complete PES packet. Throws {@link MediaFormatException} when the start code is missing,
     * the header runs past the data, or a timestamp's marker bits are wrong; returns null for streams that carry no
     * media header (padding, private_stream_2 and the other header-less stream_ids).
     */
    static PesPacket parse(byte[] data, boolean randomAccess) {
        Bytes.require(data, 0, FIXED_HEADER, "PES header");
        if (data[0] != 0 || data[1] != 0 || data[2] != 1) {
            throw new MediaFormatException("PES without packet_start_code_prefix");
        }
        int streamId = data[3] & 0xFF;
        if (!hasOptionalHeader(streamId)) {
            return null;
        }
        Bytes.require(data, FIXED_HEADER, OPTIONAL_HEADER, "PES optional header");
        if ((data[6] & 0xC0) != 0x80) {
            throw new MediaFormatException("PES optional header without its '10' marker");
        }
        int ptsDtsFlags = (data[7] >> 6) & 0x03;
        int headerDataLength = data[8] & 0xFF;
        int payloadOffset = FIXED_HEADER + OPTIONAL_HEADER + headerDataLength;
        Bytes.require(data, FIXED_HEADER + OPTIONAL_HEADER, headerDataLength, "PES header data");
        long pts = NO_TIMESTAMP;
        long dts = NO_TIMESTAMP;
        if (ptsDtsFlags == 0x01) {
            throw new MediaFormatException("PES PTS_DTS_flags '01' is forbidden");
        }
        if ((ptsDtsFlags & 0x02) != 0) {
            requireHeaderData(headerDataLength, 5);
            pts = readTimestamp(data, 9);
        }
        if (ptsDtsFlags == 0x03) {
            requireHeaderData(headerDataLength, 10);
            dts = readTimestamp(data, 14);
        }
        return new PesPacket(streamId, pts, dts, data, payloadOffset, randomAccess);
    }

    /** The stream_ids of Table 2-22 that have no optional PES header. */
    private static boolean hasOptionalHeader(int streamId) {
        return switch (streamId) {
            case 0xBC, PADDING_STREAM, PRIVATE_STREAM_2, 0xF0, 0xF1, 0xF2, 0xF8, 0xFF -> false;
            default -> true;
        };
    }

    private static void requireHeaderData(int headerDataLength, int needed) {
        if (headerDataLength < needed) {
            throw new MediaFormatException("PES header data of " + headerDataLength + " bytes, timestamps need " + needed);
        }
    }

    /** 4 prefix bits, then 3 + 15 + 15 timestamp bits, each group followed by a marker bit that is 1. */
    private static long readTimestamp(byte[] data, int offset) {
        int b0 = data[offset] & 0xFF;
        int middle = (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF);
        int low = (data[offset + 3] & 0xFF) << 8 | (data[offset + 4] & 0xFF);
        if ((b0 & 0x01) == 0 || (middle & 0x01) == 0 || (low & 0x01) == 0) {
            throw new MediaFormatException("PES timestamp with a marker bit of 0");
        }
        return ((long) (b0 >> 1) & 0x07) << 30 | (long) (middle >> 1) << 15 | (low >> 1);
    }
}
