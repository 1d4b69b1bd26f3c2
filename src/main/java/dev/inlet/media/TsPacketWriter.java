package dev.inlet.media;

import java.util.Arrays;

/**
 * Writes single 188-byte TS packets (ISO/IEC 13818-1 section 2.4.3.2): the header with the PID's continuity counter,
 * an adaptation field when a PCR, the random_access_indicator or stuffing needs one, and as much payload as fits.
 * Stuffing goes into the adaptation field, so a PES or section never needs padding bytes of its own.
 */
final class TsPacketWriter {

    static final int HEADER_SIZE = 4;
    static final int MAX_PAYLOAD = TsPacket.SIZE - HEADER_SIZE;
    private static final int PCR_SIZE = 6;
    private static final int RANDOM_ACCESS_FLAG = 0x40;
    private static final int PCR_FLAG = 0x10;
    private static final int ADAPTATION_ONLY = 0x20;
    private static final int ADAPTATION_AND_PAYLOAD = 0x30;
    private static final int PAYLOAD_ONLY = 0x10;
    private static final long PCR_BASE_MASK = (1L << 33) - 1;

    private final TsOutputUnits output;
    private final byte[] continuityCounters = new byte[1 << 13];

    TsPacketWriter(TsOutputUnits output) {
        this.output = output;
    }

    /** Payload bytes one packet can carry with these adaptation-field needs. */
    static int payloadCapacity(boolean randomAccess, long pcr90k) {
        boolean adaptation = randomAccess || pcr90k >= 0;
        return MAX_PAYLOAD - (adaptation ? 2 + (pcr90k >= 0 ? PCR_SIZE : 0) : 0);
    }

    /**
     * Writes one packet with as much of {@code payload[offset..offset+length)} as fits and returns how many bytes it
     * took. {@code pcr90k} is a 90 kHz PCR base (extension 0), or -1 for none.
     */
    int write(int pid, boolean unitStart, boolean randomAccess, long pcr90k, byte[] payload, int offset, int length) {
        int take = Math.min(length, payloadCapacity(randomAccess, pcr90k));
        boolean adaptation = randomAccess || pcr90k >= 0 || take < MAX_PAYLOAD;
        byte[] buffer = output.buffer();
        int start = output.nextPacketOffset();
        int counter = continuityCounters[pid];
        continuityCounters[pid] = (byte) ((counter + 1) & 0x0F);
        writeHeader(buffer, start, pid, unitStart, (adaptation ? ADAPTATION_AND_PAYLOAD : PAYLOAD_ONLY) | counter);
        int position = start + HEADER_SIZE;
        if (adaptation) {
            position = writeAdaptationField(buffer, position, MAX_PAYLOAD - take - 1, randomAccess, pcr90k);
        }
        System.arraycopy(payload, offset, buffer, position, take);
        output.packetWritten();
        return take;
    }

    /**
     * A packet with only an adaptation field carrying a PCR: keeps the clock within its interval when the PCR PID has
     * nothing to send. It carries no payload, so the continuity counter repeats the last one (section 2.4.3.3).
     */
    void writePcrOnly(int pid, long pcr90k) {
        byte[] buffer = output.buffer();
        int start = output.nextPacketOffset();
        int lastCounter = (continuityCounters[pid] - 1) & 0x0F;
        writeHeader(buffer, start, pid, false, ADAPTATION_ONLY | lastCounter);
        writeAdaptationField(buffer, start + HEADER_SIZE, MAX_PAYLOAD - 1, false, pcr90k);
        output.packetWritten();
    }

    private static void writeHeader(byte[] buffer, int start, int pid, boolean unitStart, int controlAndCounter) {
        buffer[start] = (byte) TsPacket.SYNC_BYTE;
        buffer[start + 1] = (byte) ((unitStart ? 0x40 : 0) | pid >> 8);
        buffer[start + 2] = (byte) pid;
        buffer[start + 3] = (byte) controlAndCounter;
    }

    /** Writes an adaptation field of {@code fieldLength} bytes after its length byte; returns where it ends. */
    private static int writeAdaptationField(byte[] buffer, int position, int fieldLength, boolean randomAccess, long pcr90k) {
        buffer[position++] = (byte) fieldLength;
        if (fieldLength == 0) {
            return position; // a single stuffing byte: the length alone
        }
        int end = position + fieldLength;
        buffer[position++] = (byte) ((randomAccess ? RANDOM_ACCESS_FLAG : 0) | (pcr90k >= 0 ? PCR_FLAG : 0));
        if (pcr90k >= 0) {
            long base = pcr90k & PCR_BASE_MASK;
            buffer[position++] = (byte) (base >> 25);
            buffer[position++] = (byte) (base >> 17);
            buffer[position++] = (byte) (base >> 9);
            buffer[position++] = (byte) (base >> 1);
            buffer[position++] = (byte) ((base & 1) << 7 | 0x7E); // 6 reserved bits, extension's high bit 0
            buffer[position++] = 0; // extension: the PCR is a 90 kHz value
        }
        Arrays.fill(buffer, position, end, (byte) 0xFF);
        return end;
    }
}
