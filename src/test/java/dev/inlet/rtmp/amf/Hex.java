package dev.inlet.rtmp.amf;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test vectors are written as spaced hex, the way the specifications print them. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String spacedHex) {
        return HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
    }

    static ByteBuffer buffer(String spacedHex) {
        return ByteBuffer.wrap(bytes(spacedHex));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    /** Normalises a hand-written vector for comparison with {@link #of}. */
    static String normalize(String spacedHex) {
        return of(bytes(spacedHex));
    }
}
