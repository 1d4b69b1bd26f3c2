package dev.inlet.rtmp.chunk;

import java.nio.ByteBuffer;

/**
 * The chunk basic header (RTMP 1.0, 5.3.1.1): two format bits plus a chunk stream id in one, two or three bytes.
 * Ids 0 and 1 in the first byte are not ids but markers for the two- and three-byte forms.
 */
final class ChunkBasicHeader {

    static final int MIN_CSID = 2;
    static final int MAX_CSID = 65599;
    static final int TWO_BYTE_MARKER = 0;
    static final int THREE_BYTE_MARKER = 1;
    /** Ids below this fit in the first byte. */
    static final int FIRST_TWO_BYTE_CSID = 64;
    /** Ids from this on need the three-byte form. */
    static final int FIRST_THREE_BYTE_CSID = 320;

    private ChunkBasicHeader() {
    }

    static void requireValidCsid(int csid) {
        if (csid < MIN_CSID || csid > MAX_CSID) {
            throw new IllegalArgumentException("chunk stream id out of range 2..65599: " + csid);
        }
    }

    /** Length of the shortest basic header that carries {@code csid}. */
    static int length(int csid) {
        if (csid < FIRST_TWO_BYTE_CSID) {
            return 1;
        }
        return csid < FIRST_THREE_BYTE_CSID ? 2 : 3;
    }

    static void write(ByteBuffer out, int format, int csid) {
        int formatBits = format << 6;
        if (csid < FIRST_TWO_BYTE_CSID) {
            out.put((byte) (formatBits | csid));
        } else if (csid < FIRST_THREE_BYTE_CSID) {
            out.put((byte) (formatBits | TWO_BYTE_MARKER));
            out.put((byte) (csid - FIRST_TWO_BYTE_CSID));
        } else {
            int offset = csid - FIRST_TWO_BYTE_CSID;
            out.put((byte) (formatBits | THREE_BYTE_MARKER));
            // The three-byte form stores (id - 64) little-endian.
            out.put((byte) offset);
            out.put((byte) (offset >>> 8));
        }
    }
}
