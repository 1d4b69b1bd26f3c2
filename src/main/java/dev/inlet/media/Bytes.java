package dev.inlet.media;

/** Bounds-checked big-endian reads and writes shared by the FLV and codec parsers. */
final class Bytes {

    private Bytes() {
    }

    static void require(byte[] data, int offset, int length, String what) {
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw new MediaFormatException(what + ": needs " + length + " bytes at offset " + offset
                    + ", only " + Math.max(0, data.length - offset) + " left");
        }
    }

    static int u8(byte[] data, int offset, String what) {
        require(data, offset, 1, what);
        return data[offset] & 0xFF;
    }

    static int u16(byte[] data, int offset, String what) {
        require(data, offset, 2, what);
        return (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
    }

    static int u24(byte[] data, int offset, String what) {
        require(data, offset, 3, what);
        return (data[offset] & 0xFF) << 16 | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF);
    }

    /** A 24-bit two's-complement number (FLV SI24), sign-extended to int. */
    static int s24(byte[] data, int offset, String what) {
        return u24(data, offset, what) << 8 >> 8;
    }

    static int u32AsInt(byte[] data, int offset, String what) {
        require(data, offset, 4, what);
        return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16
                | (data[offset + 2] & 0xFF) << 8 | (data[offset + 3] & 0xFF);
    }

    static byte[] slice(byte[] data, int offset, int length, String what) {
        require(data, offset, length, what);
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return copy;
    }

    static void putU24(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 16);
        target[offset + 1] = (byte) (value >>> 8);
        target[offset + 2] = (byte) value;
    }
}
