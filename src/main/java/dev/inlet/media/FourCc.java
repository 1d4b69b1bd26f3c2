package dev.inlet.media;

import java.nio.charset.StandardCharsets;

/** Four-character codes (Enhanced RTMP codec ids such as {@code hvc1}, {@code av01}) as big-endian ints. */
public final class FourCc {

    private FourCc() {
    }

    public static int of(String code) {
        byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != 4) {
            throw new IllegalArgumentException("a FourCC has four characters: " + code);
        }
        return (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
    }

    public static String toString(int fourCc) {
        StringBuilder text = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            char c = (char) ((fourCc >>> shift) & 0xFF);
            text.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.toString();
    }
}
