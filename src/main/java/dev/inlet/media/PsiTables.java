package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/** Reads the two PSI tables a demuxer needs from CRC-checked sections: the PAT (table_id 0) and the PMT (table_id 2). */
final class PsiTables {

    static final int PAT_TABLE_ID = 0x00;
    static final int PMT_TABLE_ID = 0x02;
    private static final int SYNTAX_HEADER = 8;
    private static final int CRC_SIZE = 4;

    /** One program of the PAT. */
    record Program(int programNumber, int pmtPid) {
    }

    /** The PMT of one program: its PCR PID and its elementary streams. */
    record ProgramMap(int programNumber, int version, int pcrPid, List<ElementaryStreamInfo> streams) {
    }

    private PsiTables() {
    }

    /** The programs of a current PAT section (the network PID entry, program 0, left out), or null if it is no such section. */
    static List<Program> parsePat(byte[] section) {
        if (!isCurrent(section, PAT_TABLE_ID)) {
            return null;
        }
        List<Program> programs = new ArrayList<>();
        for (int i = SYNTAX_HEADER; i + 4 <= section.length - CRC_SIZE; i += 4) {
            int number = (section[i] & 0xFF) << 8 | (section[i + 1] & 0xFF);
            int pid = (section[i + 2] & 0x1F) << 8 | (section[i + 3] & 0xFF);
            if (number != 0) {
                programs.add(new Program(number, pid));
            }
        }
        return programs;
    }

    /** A current PMT section, or null if it is no such section or its loops run past its end. */
    static ProgramMap parsePmt(byte[] section) {
        if (!isCurrent(section, PMT_TABLE_ID) || section.length < SYNTAX_HEADER + 4 + CRC_SIZE) {
            return null;
        }
        int end = section.length - CRC_SIZE;
        int programNumber = (section[3] & 0xFF) << 8 | (section[4] & 0xFF);
        int version = (section[5] >> 1) & 0x1F;
        int pcrPid = (section[8] & 0x1F) << 8 | (section[9] & 0xFF);
        int programInfoLength = (section[10] & 0x0F) << 8 | (section[11] & 0xFF);
        int position = SYNTAX_HEADER + 4 + programInfoLength;
        if (position > end) {
            return null;
        }
        List<ElementaryStreamInfo> streams = new ArrayList<>();
        while (position + 5 <= end) {
            int streamType = section[position] & 0xFF;
            int pid = (section[position + 1] & 0x1F) << 8 | (section[position + 2] & 0xFF);
            int infoLength = (section[position + 3] & 0x0F) << 8 | (section[position + 4] & 0xFF);
            int descriptors = position + 5;
            if (descriptors + infoLength > end) {
                return null;
            }
            streams.add(ElementaryStreamInfo.of(streamType, pid, section, descriptors, infoLength));
            position = descriptors + infoLength;
        }
        return new ProgramMap(programNumber, version, pcrPid, List.copyOf(streams));
    }

    /** A long-form section of the table, with current_next_indicator set (a "next" table is not in force yet). */
    private static boolean isCurrent(byte[] section, int tableId) {
        return section.length >= SYNTAX_HEADER + CRC_SIZE && (section[0] & 0xFF) == tableId
                && (section[1] & 0x80) != 0 && (section[5] & 0x01) != 0;
    }
}
