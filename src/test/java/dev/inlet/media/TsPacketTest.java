package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TsPacketTest {

    @Test
    void headerAdaptationFieldAndPcrAreRead() {
        byte[] packet = new byte[TsPacket.SIZE];
        packet[0] = 0x47;
        packet[1] = 0x41; // unit start, PID 0x100
        packet[2] = 0x00;
        packet[3] = 0x37; // adaptation field and payload, continuity counter 7
        packet[4] = 7; // adaptation_field_length
        packet[5] = (byte) 0xD0; // discontinuity, random access, PCR
        long base = (1L << 33) - 1;
        int extension = 299;
        packet[6] = (byte) (base >> 25);
        packet[7] = (byte) (base >> 17);
        packet[8] = (byte) (base >> 9);
        packet[9] = (byte) (base >> 1);
        packet[10] = (byte) ((base & 1) << 7 | 0x7E | extension >> 8);
        packet[11] = (byte) extension;

        TsPacket parsed = TsPacket.parse(packet, 0);

        assertThat(parsed.pid()).isEqualTo(0x100);
        assertThat(parsed.payloadUnitStart()).isTrue();
        assertThat(parsed.continuityCounter()).isEqualTo(7);
        assertThat(parsed.discontinuity()).isTrue();
        assertThat(parsed.randomAccess()).isTrue();
        assertThat(parsed.pcr()).isEqualTo(base * 300 + extension);
        assertThat(parsed.payloadOffset()).isEqualTo(12);
        assertThat(parsed.payloadLength()).isEqualTo(TsPacket.SIZE - 12);
    }

    @Test
    void unusablePacketsAreRefused() {
        byte[] packet = new byte[TsPacket.SIZE];
        packet[0] = 0x47;
        packet[3] = 0x00; // reserved adaptation_field_control
        assertThat(TsPacket.parse(packet, 0)).isNull();
        packet[3] = 0x30;
        packet[4] = (byte) 183; // with a payload the adaptation field can be at most 182 bytes
        assertThat(TsPacket.parse(packet, 0)).isNull();
        packet[3] = 0x10;
        packet[1] = (byte) 0x80; // transport_error_indicator
        assertThat(TsPacket.parse(packet, 0)).isNull();
        packet[1] = 0;
        packet[0] = 0x46;
        assertThat(TsPacket.parse(packet, 0)).isNull();
    }

    @Test
    void aSectionAcrossTwoPacketsAndTwoSectionsInOneAreAssembled() {
        byte[] pmt = withCrc(TsTestPackets.pmt(1, 0x100, new int[] {0x1B, 0x100}, new int[] {0x0F, 0x101}));
        byte[] pat = withCrc(TsTestPackets.pat(1, 0x1000));
        // Packet A: 173 bytes of an earlier section's tail (skipped: it was never started), then the PMT's first 10.
        byte[] a = unitStartPacket(concat(new byte[] {(byte) 173}, new byte[173], Arrays.copyOf(pmt, 10)));
        // Packet B: the PMT's tail (pointer_field says how long), a whole PAT, then stuffing.
        byte[] tail = Arrays.copyOfRange(pmt, 10, pmt.length);
        byte[] b = unitStartPacket(concat(new byte[] {(byte) tail.length}, tail, pat));

        PsiSectionAssembler assembler = new PsiSectionAssembler();
        List<byte[]> sections = new ArrayList<>();
        assembler.accept(TsPacket.parse(a, 0), sections::add);
        assembler.accept(TsPacket.parse(b, 0), sections::add);

        assertThat(sections).containsExactly(pmt, pat);
        assertThat(PsiTables.parsePmt(sections.get(0)).streams()).extracting(ElementaryStreamInfo::codec)
                .containsExactly(FrameKind.H264, FrameKind.AAC);
        assertThat(PsiTables.parsePat(sections.get(1))).containsExactly(new PsiTables.Program(1, 0x1000));
        assertThat(assembler.crcErrors()).isZero();

        b[1 + 4 + 3] ^= 0x01; // inside the PMT's tail: its CRC no longer checks
        assembler.accept(TsPacket.parse(a, 0), sections::add);
        assembler.accept(TsPacket.parse(b, 0), sections::add);
        assertThat(sections).hasSize(3).last().isEqualTo(pat);
        assertThat(assembler.crcErrors()).isEqualTo(1);
    }

    private static byte[] withCrc(byte[] section) {
        int crc = MpegCrc32.compute(section, 0, section.length);
        return concat(section, new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc});
    }

    /** A payload-only unit-start packet on PID 0x1000, stuffed with 0xFF after {@code payload}. */
    private static byte[] unitStartPacket(byte[] payload) {
        byte[] packet = new byte[TsPacket.SIZE];
        Arrays.fill(packet, (byte) 0xFF);
        packet[0] = 0x47;
        packet[1] = 0x50;
        packet[2] = 0x00;
        packet[3] = 0x10;
        System.arraycopy(payload, 0, packet, 4, payload.length);
        return packet;
    }

    private static byte[] concat(byte[]... parts) {
        return TsRecording.join(List.of(parts));
    }
}
