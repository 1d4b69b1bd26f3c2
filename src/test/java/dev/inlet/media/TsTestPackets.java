package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/** Builds and rewrites TS packets for the damage tests: PSI sections with their CRC, PES timestamps shifted. */
final class TsTestPackets {

    private TsTestPackets() {
    }

    /** One packet carrying a whole PSI section (pointer_field 0, CRC appended, rest stuffed with 0xFF). */
    static byte[] psiPacket(int pid, int continuityCounter, byte[] sectionWithoutCrc) {
        int crc = MpegCrc32.compute(sectionWithoutCrc, 0, sectionWithoutCrc.length);
        byte[] packet = new byte[TsPacket.SIZE];
        java.util.Arrays.fill(packet, (byte) 0xFF);
        packet[0] = 0x47;
        packet[1] = (byte) (0x40 | pid >> 8);
        packet[2] = (byte) pid;
        packet[3] = (byte) (0x10 | continuityCounter & 0x0F);
        packet[4] = 0;
        System.arraycopy(sectionWithoutCrc, 0, packet, 5, sectionWithoutCrc.length);
        int at = 5 + sectionWithoutCrc.length;
        packet[at] = (byte) (crc >>> 24);
        packet[at + 1] = (byte) (crc >>> 16);
        packet[at + 2] = (byte) (crc >>> 8);
        packet[at + 3] = (byte) crc;
        return packet;
    }

    /** A PAT section (without CRC) listing one program. */
    static byte[] pat(int programNumber, int pmtPid) {
        return syntaxSection(PsiTables.PAT_TABLE_ID, 1, new byte[] {
                (byte) (programNumber >> 8), (byte) programNumber, (byte) (0xE0 | pmtPid >> 8), (byte) pmtPid});
    }

    /** A PMT section (without CRC); each stream is {streamType, pid, descriptor bytes...}. */
    static byte[] pmt(int programNumber, int pcrPid, int[]... streams) {
        List<Byte> body = new ArrayList<>();
        body.add((byte) (0xE0 | pcrPid >> 8));
        body.add((byte) pcrPid);
        body.add((byte) 0xF0);
        body.add((byte) 0);
        for (int[] stream : streams) {
            int descriptorLength = stream.length - 2;
            body.add((byte) stream[0]);
            body.add((byte) (0xE0 | stream[1] >> 8));
            body.add((byte) stream[1]);
            body.add((byte) (0xF0 | descriptorLength >> 8));
            body.add((byte) descriptorLength);
            for (int i = 2; i < stream.length; i++) {
                body.add((byte) stream[i]);
            }
        }
        byte[] bytes = new byte[body.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = body.get(i);
        }
        return syntaxSection(PsiTables.PMT_TABLE_ID, programNumber, bytes);
    }

    private static byte[] syntaxSection(int tableId, int idExtension, byte[] body) {
        int sectionLength = 5 + body.length + 4;
        byte[] section = new byte[3 + 5 + body.length];
        section[0] = (byte) tableId;
        section[1] = (byte) (0xB0 | sectionLength >> 8);
        section[2] = (byte) sectionLength;
        section[3] = (byte) (idExtension >> 8);
        section[4] = (byte) idExtension;
        section[5] = (byte) 0xC1; // version 0, current
        System.arraycopy(body, 0, section, 8, body.length);
        return section;
    }

    /**
     * Adds {@code offset} ticks (mod 2^33) to the PTS and DTS of every PES that starts in {@code packets}; the packets
     * are changed in place. PCRs are left alone: the demuxer does not time by them.
     */
    static void shiftTimestamps(List<byte[]> packets, long offset) {
        for (byte[] packet : packets) {
            if ((packet[1] & 0x40) == 0 || TsRecording.pid(packet) < 0x20 || (packet[3] & 0x10) == 0) {
                continue;
            }
            int payload = (packet[3] & 0x20) != 0 ? 5 + (packet[4] & 0xFF) : 4;
            if (packet[payload] != 0 || packet[payload + 1] != 0 || packet[payload + 2] != 1) {
                continue; // a PSI section
            }
            int flags = (packet[payload + 7] >> 6) & 0x03;
            if ((flags & 0x02) != 0) {
                shift(packet, payload + 9, offset);
            }
            if (flags == 0x03) {
                shift(packet, payload + 14, offset);
            }
        }
    }

    private static void shift(byte[] packet, int at, long offset) {
        long value = ((packet[at] >> 1) & 0x07L) << 30 | ((packet[at + 1] & 0xFFL) << 7 | (packet[at + 2] & 0xFF) >> 1) << 15
                | ((packet[at + 3] & 0xFFL) << 7 | (packet[at + 4] & 0xFF) >> 1);
        long shifted = (value + offset) & ((1L << 33) - 1);
        int prefix = packet[at] & 0xF0;
        packet[at] = (byte) (prefix | (shifted >> 29) & 0x0E | 1);
        packet[at + 1] = (byte) (shifted >> 22);
        packet[at + 2] = (byte) ((shifted >> 14) & 0xFE | 1);
        packet[at + 3] = (byte) (shifted >> 7);
        packet[at + 4] = (byte) ((shifted << 1) & 0xFE | 1);
    }
}
