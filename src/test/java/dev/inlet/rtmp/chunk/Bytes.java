package dev.inlet.rtmp.chunk;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Builds byte vectors for tests from hex strings and payload slices. */
final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes of() {
        return new Bytes();
    }

    /** Hex digits, spaces ignored: {@code hex("03 00 03 e8")}. */
    Bytes hex(String digits) {
        out.writeBytes(parseHex(digits));
        return this;
    }

    Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Bytes slice(byte[] bytes, int from, int to) {
        out.writeBytes(Arrays.copyOfRange(bytes, from, to));
        return this;
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    static byte[] parseHex(String digits) {
        String clean = digits.replace(" ", "");
        byte[] result = new byte[clean.length() / 2];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return result;
    }

    /** A recognisable payload: byte i is (seed + i). */
    static byte[] pattern(int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (seed + i);
        }
        return payload;
    }
}
