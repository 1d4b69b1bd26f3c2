package dev.inlet.media;

/**
 * Reads big-endian bit fields and Exp-Golomb codes from a byte range; running past the end
 * throws {@link MediaFormatException}, so parsers of network bytes need no index arithmetic of their own.
 */
final class BitReader {

    private final byte[] data;
    private final long endBit;
    private long bit;

    BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    BitReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new MediaFormatException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        this.data = data;
        this.bit = (long) offset * 8;
        this.endBit = (long) (offset + length) * 8;
    }

    int readBit() {
        if (bit >= endBit) {
            throw new MediaFormatException("bit field runs past the end of the data");
        }
        int value = (data[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
        bit++;
        return value;
    }

    boolean readFlag() {
        return readBit() == 1;
    }

    /** Reads {@code count} (0..32) bits as an unsigned number. */
    long readBits(int count) {
        if (count < 0 || count > 32) {
            throw new IllegalArgumentException("bit count " + count);
        }
        if (bitsLeft() < count) {
            throw new MediaFormatException("bit field of " + count + " bits runs past the end of the data");
        }
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 1) | readBit();
        }
        return value;
    }

    int readInt(int count) {
        if (count > 31) {
            throw new IllegalArgumentException("use readBits for " + count + " bits");
        }
        return (int) readBits(count);
    }

    void skipBits(long count) {
        if (count < 0 || bitsLeft() < count) {
            throw new MediaFormatException("cannot skip " + count + " bits");
        }
        bit += count;
    }

    /** Unsigned Exp-Golomb code (H.264 ue(v)); values need at most 32 bits. */
    long readUe() {
        int leadingZeros = 0;
        while (readBit() == 0) {
            leadingZeros++;
            if (leadingZeros > 31) {
                throw new MediaFormatException("Exp-Golomb code longer than 32 bits");
            }
        }
        return (1L << leadingZeros) - 1 + readBits(leadingZeros);
    }

    /** Unsigned Exp-Golomb code that must not exceed {@code max} (a limit from the specification). */
    int readUe(int max, String field) {
        long value = readUe();
        if (value > max) {
            throw new MediaFormatException(field + " " + value + " exceeds " + max);
        }
        return (int) value;
    }

    /** Signed Exp-Golomb code (H.264 se(v)). */
    long readSe() {
        long codeNum = readUe();
        return (codeNum & 1) == 1 ? (codeNum + 1) / 2 : -(codeNum / 2);
    }

    long bitsLeft() {
        return endBit - bit;
    }
}
