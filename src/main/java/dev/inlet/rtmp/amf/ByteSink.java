package dev.inlet.rtmp.amf;

import java.util.Arrays;

/** A growable big-endian byte buffer for the writers, which can be cut back to an earlier size. */
final class ByteSink {

    private byte[] bytes = new byte[64];
    private int size;

    void u8(int value) {
        ensureCapacity(1);
        bytes[size++] = (byte) value;
    }

    void u16(int value) {
        u8(value >>> 8);
        u8(value);
    }

    void u32(long value) {
        u16((int) (value >>> 16) & 0xFFFF);
        u16((int) value & 0xFFFF);
    }

    void f64(double value) {
        long bits = Double.doubleToLongBits(value);
        u32(bits >>> 32);
        u32(bits & 0xFFFF_FFFFL);
    }

    void bytes(byte[] values) {
        ensureCapacity(values.length);
        System.arraycopy(values, 0, bytes, size, values.length);
        size += values.length;
    }

    int size() {
        return size;
    }

    /** Drops everything written after {@code earlierSize}. */
    void truncate(int earlierSize) {
        size = earlierSize;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensureCapacity(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
