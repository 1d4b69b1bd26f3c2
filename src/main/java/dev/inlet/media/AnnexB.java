package dev.inlet.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conversions between the two framings of H.264/H.265 NAL units: Annex-B byte streams (start codes
 * {@code 00 00 01} / {@code 00 00 00 01}) and AVCC (each NAL unit preceded by a big-endian length,
 * as in FLV, MP4 and RTMP).
 */
public final class AnnexB {

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private AnnexB() {
    }

    /**
     * Splits an Annex-B byte stream into NAL units (without start codes). Zero bytes before the first start code
     * and trailing zero bytes after a NAL unit are stream padding (H.264 B.2) and are dropped; so are empty NAL units.
     * Empty input gives an empty list; non-empty input without a start code, or with other bytes before the first
     * start code, is rejected.
     */
    public static List<byte[]> splitNalUnits(byte[] annexB) {
        List<byte[]> nals = new ArrayList<>();
        int start = findStartCode(annexB, 0);
        if (start < 0) {
            if (isAllZero(annexB, 0, annexB.length)) {
                return nals;
            }
            throw new MediaFormatException("Annex-B data without a start code");
        }
        if (!isAllZero(annexB, 0, start)) {
            throw new MediaFormatException("Annex-B data has " + start + " bytes before the first start code");
        }
        int nalStart = start + 3;
        while (nalStart <= annexB.length) {
            int next = findStartCode(annexB, nalStart);
            int nalEnd = next < 0 ? annexB.length : next;
            while (nalEnd > nalStart && annexB[nalEnd - 1] == 0) {
                nalEnd--;
            }
            if (nalEnd > nalStart) {
                nals.add(Arrays.copyOfRange(annexB, nalStart, nalEnd));
            }
            if (next < 0) {
                break;
            }
            nalStart = next + 3;
        }
        return nals;
    }

    /** Joins NAL units into Annex-B form, each preceded by a 4-byte start code. */
    public static byte[] toAnnexB(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(totalLength(nals, START_CODE.length));
        for (byte[] nal : nals) {
            out.writeBytes(START_CODE);
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    /** Joins NAL units into AVCC form, each preceded by its length in {@code lengthSize} (1..4) bytes. */
    public static byte[] toAvcc(List<byte[]> nals, int lengthSize) {
        checkLengthSize(lengthSize);
        long maxLength = lengthSize == 4 ? 0xFFFF_FFFFL : (1L << (8 * lengthSize)) - 1;
        byte[] out = new byte[totalLength(nals, lengthSize)];
        int position = 0;
        for (byte[] nal : nals) {
            if (nal.length > maxLength) {
                throw new IllegalArgumentException("NAL unit of " + nal.length + " bytes does not fit a " + lengthSize + "-byte length");
            }
            for (int shift = 8 * (lengthSize - 1); shift >= 0; shift -= 8) {
                out[position++] = (byte) (nal.length >>> shift);
            }
            System.arraycopy(nal, 0, out, position, nal.length);
            position += nal.length;
        }
        return out;
    }

    /**
     * Splits AVCC data (length-prefixed NAL units) starting at {@code offset}. A length that runs past the end is
     * rejected; zero-length NAL units are skipped.
     */
    public static List<byte[]> fromAvcc(byte[] data, int offset, int lengthSize) {
        checkLengthSize(lengthSize);
        if (offset < 0 || offset > data.length) {
            throw new MediaFormatException("AVCC offset " + offset + " outside " + data.length + " bytes");
        }
        List<byte[]> nals = new ArrayList<>();
        int position = offset;
        while (position < data.length) {
            Bytes.require(data, position, lengthSize, "AVCC NAL unit length");
            long length = 0;
            for (int i = 0; i < lengthSize; i++) {
                length = (length << 8) | (data[position++] & 0xFF);
            }
            if (length > data.length - position) {
                throw new MediaFormatException("AVCC NAL unit of " + length + " bytes, only " + (data.length - position) + " left");
            }
            if (length > 0) {
                nals.add(Arrays.copyOfRange(data, position, position + (int) length));
            }
            position += (int) length;
        }
        return nals;
    }

    private static void checkLengthSize(int lengthSize) {
        if (lengthSize < 1 || lengthSize > 4) {
            throw new IllegalArgumentException("NAL length size must be 1..4, not " + lengthSize);
        }
    }

    private static int totalLength(List<byte[]> nals, int prefix) {
        long total = 0;
        for (byte[] nal : nals) {
            total += prefix + nal.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("access unit too large: " + total + " bytes");
        }
        return (int) total;
    }

    /** Index of the next {@code 00 00 01} at or after {@code from}, or -1. */
    private static int findStartCode(byte[] data, int from) {
        for (int i = from; i + 2 < data.length; i++) {
            if ((data[i + 2] & 0xFF) > 1) {
                i += 2; // none of the three windows ending at i+2 can hold a start code
            } else if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAllZero(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
