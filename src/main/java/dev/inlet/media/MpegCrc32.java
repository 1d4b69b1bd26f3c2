package dev.inlet.media;

/** The CRC-32 of MPEG-2 PSI sections (ISO/IEC 13818-1 annex A): polynomial 0x04C11DB7, MSB first, no reflection. */
final class MpegCrc32 {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
            TABLE[i] = crc;
        }
    }

    private MpegCrc32() {
    }

    /** The CRC of {@code length} bytes at {@code offset}; over a whole section including its CRC field it is 0. */
    static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFF_FFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }
}
