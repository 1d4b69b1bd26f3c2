package dev.inlet.media;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reassembles the PSI sections of one PID from its TS packet payloads (ISO/IEC 13818-1 section 2.4.4): the
 * pointer_field of a unit-start packet says where the first new section begins, a section may span packets and
 * several may share one, 0xFF bytes after a section are stuffing. Sections whose CRC_32 does not check are dropped
 * and counted; so is a section interrupted by packet loss ({@link #reset()}).
 */
final class PsiSectionAssembler {

    /** section_length is 12 bits; private sections may use up to 4093 bytes after the length field. */
    private static final int MAX_SECTION = 3 + 4093;
    private static final int STUFFING = 0xFF;

    private final byte[] section = new byte[MAX_SECTION];
    private int length;
    private boolean collecting;
    private long crcErrors;

    /** Adds one packet's payload; complete sections with a valid CRC go to {@code sink} (without the CRC checked again). */
    void accept(TsPacket packet, Consumer<byte[]> sink) {
        int position = packet.payloadOffset();
        int end = position + packet.payloadLength();
        byte[] buffer = packet.buffer();
        if (packet.payloadUnitStart()) {
            int pointer = buffer[position] & 0xFF;
            position++;
            if (collecting) {
                append(buffer, position, Math.min(pointer, end - position), sink);
            }
            position += pointer;
            collecting = true;
            length = 0;
        } else if (!collecting) {
            return; // joined in the middle of a section: wait for the next start
        }
        while (position < end && collecting) {
            if (length == 0 && (buffer[position] & 0xFF) == STUFFING) {
                collecting = false; // the rest of the packet is stuffing
                return;
            }
            position += append(buffer, position, end - position, sink);
        }
    }

    /** The PID lost a packet: the section being collected is incomplete. */
    void reset() {
        collecting = false;
        length = 0;
    }

    long crcErrors() {
        return crcErrors;
    }

    /** Copies bytes up to the end of the current section; returns how many were taken. */
    private int append(byte[] buffer, int offset, int available, Consumer<byte[]> sink) {
        if (available <= 0) {
            return Math.max(0, available);
        }
        int needed = length < 3 ? 3 - length : sectionSize() - length;
        int take = Math.min(needed, available);
        System.arraycopy(buffer, offset, section, length, take);
        length += take;
        if (length == 3 && sectionSize() > MAX_SECTION) {
            reset(); // cannot happen with a 12-bit length; kept as a guard for the buffer below
            return take;
        }
        if (length >= 3 && length == sectionSize()) {
            complete(sink);
        }
        return take;
    }

    private int sectionSize() {
        return 3 + ((section[1] & 0x0F) << 8 | (section[2] & 0xFF));
    }

    private void complete(Consumer<byte[]> sink) {
        int size = length;
        length = 0;
        boolean syntax = (section[1] & 0x80) != 0;
        if (syntax && (size < 3 + 5 + 4 || MpegCrc32.compute(section, 0, size) != 0)) {
            crcErrors++;
            return;
        }
        sink.accept(Arrays.copyOf(section, size));
    }
}
