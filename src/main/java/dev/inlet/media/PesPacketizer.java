package dev.inlet.media;

/**
 * Wraps one access unit in a PES packet (ISO/IEC 13818-1 section 2.4.3.6) and cuts it into TS packets of one PID.
 * The first packet carries the unit start, and the random_access_indicator and PCR when asked; the last one is
 * filled with adaptation-field stuffing. Video PES packets have PES_packet_length 0 (unbounded, allowed for video in
 * a TS); all others give their length, so they are limited to 65,535 bytes.
 */
final class PesPacketizer {

    static final int VIDEO_STREAM_ID = 0xE0;
    static final int AUDIO_STREAM_ID = 0xC0;
    static final int PRIVATE_STREAM_1 = 0xBD;
    private static final int MAX_PES_PACKET_LENGTH = 0xFFFF;
    private static final int DATA_ALIGNMENT = 0x04;
    private static final long TIMESTAMP_MASK = (1L << 33) - 1;

    private final TsPacketWriter packets;

    PesPacketizer(TsPacketWriter packets) {
        this.packets = packets;
    }

    /**
     * Writes one PES. Timestamps are 90 kHz ticks (taken modulo 2^33); the DTS is written only when it differs from
     * the PTS. {@code pcr90k} is -1 for no PCR in the first packet.
     */
    void write(int pid, int streamId, byte[] payload, long pts90k, long dts90k, boolean randomAccess, long pcr90k) {
        boolean withDts = dts90k != pts90k;
        int headerDataLength = withDts ? 10 : 5;
        int headerLength = 9 + headerDataLength;
        long packetLength = 3L + headerDataLength + payload.length; // the bytes after PES_packet_length
        boolean bounded = streamId != VIDEO_STREAM_ID;
        if (bounded && packetLength > MAX_PES_PACKET_LENGTH) {
            throw new MediaFormatException("frame of " + payload.length + " bytes does not fit a PES of stream "
                    + Integer.toHexString(streamId));
        }
        byte[] pes = new byte[headerLength + payload.length];
        pes[2] = 1; // packet_start_code_prefix 00 00 01
        pes[3] = (byte) streamId;
        if (bounded) {
            pes[4] = (byte) (packetLength >> 8);
            pes[5] = (byte) packetLength;
        }
        pes[6] = (byte) (0x80 | DATA_ALIGNMENT); // '10' marker, the unit starts right after the header
        pes[7] = (byte) (withDts ? 0xC0 : 0x80);
        pes[8] = (byte) headerDataLength;
        writeTimestamp(pes, 9, withDts ? 0x3 : 0x2, pts90k);
        if (withDts) {
            writeTimestamp(pes, 14, 0x1, dts90k);
        }
        System.arraycopy(payload, 0, pes, headerLength, payload.length);

        int position = packets.write(pid, true, randomAccess, pcr90k, pes, 0, pes.length);
        while (position < pes.length) {
            position += packets.write(pid, false, false, -1, pes, position, pes.length - position);
        }
    }

    /** A 4-bit prefix, then bits 32..30, 29..15 and 14..0 of the timestamp, each group followed by a marker bit 1. */
    private static void writeTimestamp(byte[] out, int offset, int prefix, long ticks) {
        long value = ticks & TIMESTAMP_MASK;
        out[offset] = (byte) (prefix << 4 | (value >> 29) & 0x0E | 1);
        out[offset + 1] = (byte) (value >> 22);
        out[offset + 2] = (byte) ((value >> 14) & 0xFE | 1);
        out[offset + 3] = (byte) (value >> 7);
        out[offset + 4] = (byte) ((value << 1) & 0xFE | 1);
    }
}
