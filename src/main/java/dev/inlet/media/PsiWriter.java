package dev.inlet.media;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the program-specific information of a single-program TS (ISO/IEC 13818-1 section 2.4.4): the PAT on PID 0
 * naming one program and its PMT PID, and that PMT listing the elementary streams and the PCR PID. Each section fits
 * one packet (pointer_field 0, the rest 0xFF) and ends in its MPEG CRC-32 ({@link MpegCrc32}).
 */
final class PsiWriter {

    /** One PMT entry: stream_type, elementary PID and its ES descriptors. */
    record Stream(int streamType, int pid, byte[] descriptors) {
    }

    static final int PAT_PID = 0;
    static final int TRANSPORT_STREAM_ID = 1;
    static final int PROGRAM_NUMBER = 1;
    private static final int PAT_TABLE_ID = 0x00;
    private static final int PMT_TABLE_ID = 0x02;
    private static final int CRC_SIZE = 4;
    private static final int MAX_SECTION = TsPacketWriter.MAX_PAYLOAD - 1; // after the pointer_field

    private final TsPacketWriter packets;
    private final int pmtPid;

    PsiWriter(TsPacketWriter packets, int pmtPid) {
        this.packets = packets;
        this.pmtPid = pmtPid;
    }

    /** Writes the PAT, then the PMT with {@code streams}, at {@code version} (0..31, changed whenever they do). */
    void write(List<Stream> streams, int pcrPid, int version) {
        writeSection(PAT_PID, patSection());
        writeSection(pmtPid, pmtSection(streams, pcrPid, version));
    }

    byte[] patSection() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeU16(body, PROGRAM_NUMBER);
        writeU16(body, 0xE000 | pmtPid); // 3 reserved bits, program_map_PID
        return section(PAT_TABLE_ID, TRANSPORT_STREAM_ID, 0, body.toByteArray());
    }

    byte[] pmtSection(List<Stream> streams, int pcrPid, int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeU16(body, 0xE000 | pcrPid);
        writeU16(body, 0xF000); // 4 reserved bits, program_info_length 0
        for (Stream stream : streams) {
            body.write(stream.streamType());
            writeU16(body, 0xE000 | stream.pid());
            writeU16(body, 0xF000 | stream.descriptors().length);
            body.writeBytes(stream.descriptors());
        }
        return section(PMT_TABLE_ID, PROGRAM_NUMBER, version, body.toByteArray());
    }

    /** The long section form: header, 5-bit version (current_next 1), section 0 of 0, body, CRC. */
    private static byte[] section(int tableId, int tableIdExtension, int version, byte[] body) {
        int sectionLength = 5 + body.length + CRC_SIZE; // after the section_length field
        byte[] section = new byte[3 + sectionLength];
        if (section.length > MAX_SECTION) {
            throw new IllegalStateException("PSI section of " + section.length + " bytes does not fit one packet");
        }
        section[0] = (byte) tableId;
        section[1] = (byte) (0xB0 | sectionLength >> 8); // section_syntax_indicator, '0', 2 reserved bits
        section[2] = (byte) sectionLength;
        section[3] = (byte) (tableIdExtension >> 8);
        section[4] = (byte) tableIdExtension;
        section[5] = (byte) (0xC1 | (version & 0x1F) << 1);
        section[6] = 0;
        section[7] = 0;
        System.arraycopy(body, 0, section, 8, body.length);
        int crc = MpegCrc32.compute(section, 0, section.length - CRC_SIZE);
        int at = section.length - CRC_SIZE;
        section[at] = (byte) (crc >>> 24);
        section[at + 1] = (byte) (crc >>> 16);
        section[at + 2] = (byte) (crc >>> 8);
        section[at + 3] = (byte) crc;
        return section;
    }

    /** pointer_field 0, the section, 0xFF to the end of the packet (no adaptation field: PSI uses 0xFF stuffing). */
    private void writeSection(int pid, byte[] section) {
        byte[] payload = new byte[TsPacketWriter.MAX_PAYLOAD];
        Arrays.fill(payload, (byte) 0xFF);
        payload[0] = 0;
        System.arraycopy(section, 0, payload, 1, section.length);
        packets.write(pid, true, false, -1, payload, 0, payload.length);
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
