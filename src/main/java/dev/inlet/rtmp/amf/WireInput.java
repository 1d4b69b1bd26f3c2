package dev.inlet.rtmp.amf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian reads from the caller's buffer (advancing its position) that fail with a
 * MALFORMED protocol exception instead of a buffer underflow, and that check every length
 * taken from the wire against the bytes actually present before allocating anything.
 */
final class WireInput {

    private final ByteBuffer in;

    WireInput(ByteBuffer in) {
        this.in = in;
    }

    boolean hasRemaining() {
        return in.hasRemaining();
    }

    int remaining() {
        return in.remaining();
    }

    int u8() {
        require(1);
        return in.get() & 0xFF;
    }

    int peekU8() {
        require(1);
        return in.get(in.position()) & 0xFF;
    }

    int u16() {
        require(2);
        return (u8() << 8) | u8();
    }

    short s16() {
        return (short) u16();
    }

    int s32() {
        require(4);
        return (u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
    }

    long u32() {
        return s32() & 0xFFFF_FFFFL;
    }

    double f64() {
        require(8);
        long high = s32() & 0xFFFF_FFFFL;
        long low = s32() & 0xFFFF_FFFFL;
        return Double.longBitsToDouble((high << 32) | low);
    }

    /** Reads {@code length} raw bytes, refusing more than {@code maxBytes}. */
    byte[] bytes(long length, int maxBytes, String what) {
        if (length > maxBytes) {
            throw AmfErrors.limitExceeded(what + " of " + length + " bytes exceeds the limit of " + maxBytes);
        }
        require(length);
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return bytes;
    }

    /**
     * Reads UTF-8 text. Invalid sequences become U+FFFD rather than failing: text content is
     * never trusted by callers, so there is nothing to gain by dropping the connection.
     */
    String utf8(long length, int maxBytes, String what) {
        if (length == 0) {
            return "";
        }
        return new String(bytes(length, maxBytes, what), StandardCharsets.UTF_8);
    }

    /** Fails unless {@code count} items of at least {@code minBytesEach} bytes can still follow. */
    void requireItems(long count, int minBytesEach, String what) {
        if (count * minBytesEach > in.remaining()) {
            throw AmfErrors.malformed(what + " declares " + count + " entries but only "
                    + in.remaining() + " bytes remain");
        }
    }

    private void require(long length) {
        if (length > in.remaining()) {
            throw AmfErrors.malformed("truncated input: need " + length + " bytes, "
                    + in.remaining() + " remain");
        }
    }
}
