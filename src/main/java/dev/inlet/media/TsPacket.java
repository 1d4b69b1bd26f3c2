package dev.inlet.media;

/**
 * The header fields of one 188-byte MPEG-TS packet (ISO/IEC 13818-1 section 2.4.3.2) and where its payload lies. The
 * packet refers to the caller's buffer without copying it: it is only valid while that buffer is unchanged.
 *
 * @param buffer            the bytes the packet lies in
 * @param payloadOffset     index of the first payload byte in {@code buffer}
 * @param payloadLength     payload bytes (0 when the packet carries only an adaptation field)
 * @param pid               the 13-bit packet identifier
 * @param payloadUnitStart  a PES packet or a PSI section starts in this payload
 * @param continuityCounter 4-bit counter, incremented per payload-carrying packet of the PID
 * @param discontinuity     the adaptation field's discontinuity_indicator: counter and time base may restart
 * @param randomAccess      the adaptation field's random_access_indicator
 * @param pcr               the program clock reference in 27 MHz ticks, or -1 when absent
 */
public record TsPacket(byte[] buffer, int payloadOffset, int payloadLength, int pid, boolean payloadUnitStart,
                       int continuityCounter, boolean discontinuity, boolean randomAccess, long pcr) {

    public static final int SIZE = 188;
    public static final int SYNC_BYTE = 0x47;
    public static final int NULL_PID = 0x1FFF;
    private static final int HEADER_SIZE = 4;
    private static final int PCR_FLAG = 0x10;

    /**
     * Reads the packet at {@code offset} (which must hold {@link #SIZE} bytes starting with the sync byte). Returns
     * null for a packet that cannot be used: transport_error_indicator set, reserved adaptation_field_control, or an
     * adaptation field longer than the packet.
     */
    public static TsPacket parse(byte[] buffer, int offset) {
        if (offset < 0 || offset > buffer.length - SIZE || (buffer[offset] & 0xFF) != SYNC_BYTE) {
            return null;
        }
        int b1 = buffer[offset + 1] & 0xFF;
        if ((b1 & 0x80) != 0) {
            return null; // transport_error_indicator: a lower layer knows the packet is damaged
        }
        int pid = (b1 & 0x1F) << 8 | (buffer[offset + 2] & 0xFF);
        int b3 = buffer[offset + 3] & 0xFF;
        int adaptationControl = (b3 >> 4) & 0x03;
        if (adaptationControl == 0) {
            return null;
        }
        int position = offset + HEADER_SIZE;
        boolean discontinuity = false;
        boolean randomAccess = false;
        long pcr = -1;
        if ((adaptationControl & 0x02) != 0) {
            int adaptationLength = buffer[position] & 0xFF;
            // With a payload at most 182 bytes, without one exactly 183 (section 2.4.3.5); be lenient about less.
            int maxLength = adaptationControl == 3 ? SIZE - HEADER_SIZE - 2 : SIZE - HEADER_SIZE - 1;
            if (adaptationLength > maxLength) {
                return null;
            }
            if (adaptationLength > 0) {
                int flags = buffer[position + 1] & 0xFF;
                discontinuity = (flags & 0x80) != 0;
                randomAccess = (flags & 0x40) != 0;
                if ((flags & PCR_FLAG) != 0 && adaptationLength >= 7) {
                    pcr = readPcr(buffer, position + 2);
                }
            }
            position += 1 + adaptationLength;
        }
        int end = offset + SIZE;
        int payloadLength = (adaptationControl & 0x01) != 0 ? end - position : 0;
        return new TsPacket(buffer, position, payloadLength, pid, (b1 & 0x40) != 0, b3 & 0x0F,
                discontinuity, randomAccess, pcr);
    }

    public boolean hasPayload() {
        return payloadLength > 0;
    }

    public int payloadByte(int index) {
        return buffer[payloadOffset + index] & 0xFF;
    }

    /** program_clock_reference_base (33 bits, 90 kHz) × 300 + program_clock_reference_extension (9 bits). */
    private static long readPcr(byte[] buffer, int offset) {
        long base = (buffer[offset] & 0xFFL) << 25 | (buffer[offset + 1] & 0xFFL) << 17
                | (buffer[offset + 2] & 0xFFL) << 9 | (buffer[offset + 3] & 0xFFL) << 1 | (buffer[offset + 4] & 0xFF) >> 7;
        int extension = (buffer[offset + 4] & 0x01) << 8 | (buffer[offset + 5] & 0xFF);
        return base * 300 + extension;
    }
}
