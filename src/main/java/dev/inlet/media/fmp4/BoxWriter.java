package dev.inlet.media.fmp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ISO base media file format boxes (ISO/IEC 14496-12 section 4.2): big-endian fields into a growing buffer,
 * each box opened with {@link #begin} (or {@link #beginFull}) and closed with {@link #end}, which fills in its 32-bit
 * size. Boxes nest; an unclosed box when the bytes are taken is an error, not a silently broken file.
 */
final class BoxWriter {

    private static final int MAX_DEPTH = 16;

    private byte[] buffer;
    private int length;
    private final int[] openBoxes = new int[MAX_DEPTH];
    private int depth;

    BoxWriter(int initialCapacity) {
        buffer = new byte[Math.max(initialCapacity, 64)];
    }

    /** Opens a box of {@code type} (four ASCII characters); its size is written by {@link #end()}. */
    BoxWriter begin(String type) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("boxes nested deeper than " + MAX_DEPTH);
        }
        openBoxes[depth++] = length;
        u32(0);
        fourCc(type);
        return this;
    }

    /** Opens a full box: the box header, then version (8 bits) and flags (24 bits). */
    BoxWriter beginFull(String type, int version, int flags) {
        begin(type);
        u8(version);
        u24(flags);
        return this;
    }

    /** Closes the innermost open box, writing its size. */
    BoxWriter end() {
        if (depth == 0) {
            throw new IllegalStateException("no open box to end");
        }
        int start = openBoxes[--depth];
        patchU32(start, length - start);
        return this;
    }

    BoxWriter u8(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
        return this;
    }

    BoxWriter u16(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }

    BoxWriter u24(int value) {
        ensure(3);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }

    BoxWriter u32(long value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }

    BoxWriter u64(long value) {
        u32(value >>> 32);
        return u32(value & 0xFFFF_FFFFL);
    }

    /** {@code count} zero bytes (reserved and pre_defined fields). */
    BoxWriter zeros(int count) {
        ensure(count);
        Arrays.fill(buffer, length, length + count, (byte) 0);
        length += count;
        return this;
    }

    BoxWriter bytes(byte[] data) {
        return bytes(data, 0, data.length);
    }

    BoxWriter bytes(byte[] data, int offset, int count) {
        ensure(count);
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
        return this;
    }

    BoxWriter fourCc(String code) {
        byte[] ascii = code.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length != 4) {
            throw new IllegalArgumentException("a four-character code has 4 characters: '" + code + "'");
        }
        return bytes(ascii);
    }

    /** The unity transformation matrix of mvhd and tkhd (section 8.2.2.2): 16.16 ones, 2.30 one in the corner. */
    BoxWriter unityMatrix() {
        u32(0x0001_0000).u32(0).u32(0);
        u32(0).u32(0x0001_0000).u32(0);
        return u32(0).u32(0).u32(0x4000_0000);
    }

    /** Bytes written so far; also where the next field goes. */
    int position() {
        return length;
    }

    /** Overwrites 4 bytes at {@code offset} (a field whose value is known only later, such as trun's data_offset). */
    void patchU32(int offset, long value) {
        buffer[offset] = (byte) (value >>> 24);
        buffer[offset + 1] = (byte) (value >>> 16);
        buffer[offset + 2] = (byte) (value >>> 8);
        buffer[offset + 3] = (byte) value;
    }

    /** The boxes written; every box must be closed. */
    byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " boxes still open");
        }
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(int more) {
        if (more > buffer.length - length) {
            long needed = (long) length + more;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("box data over 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, buffer.length * 2L)));
        }
    }
}
