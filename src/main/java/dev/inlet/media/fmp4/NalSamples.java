package dev.inlet.media.fmp4;

import dev.inlet.media.AnnexB;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * H.264 and H.265 sample data: the stream core's Annex-B access unit becomes NAL units with 4-byte lengths (ISO/IEC
 * 14496-15 section 5.3.2 and 8.3.2, lengthSizeMinusOne 3), without the NAL units that belong out of band in an avc1 or
 * hvc1 track: parameter sets (they are in the sample entry, a change makes a new init segment) and access unit
 * delimiters.
 */
final class NalSamples {

    static final int LENGTH_SIZE = 4;

    private NalSamples() {
    }

    /** The NAL units of {@code annexB} except those {@code outOfBand} names, each behind a 4-byte length. */
    static byte[] lengthPrefixed(byte[] annexB, IntPredicate outOfBand, NalTypes types) {
        List<byte[]> kept = new ArrayList<>();
        for (byte[] nal : AnnexB.splitNalUnits(annexB)) {
            if (!outOfBand.test(types.type(nal))) {
                kept.add(nal);
            }
        }
        return AnnexB.toAvcc(kept, LENGTH_SIZE);
    }

    /** The NAL units of {@code annexB} whose type is {@code type}. */
    static List<byte[]> ofType(byte[] annexB, int type, NalTypes types) {
        List<byte[]> found = new ArrayList<>();
        for (byte[] nal : AnnexB.splitNalUnits(annexB)) {
            if (types.type(nal) == type) {
                found.add(nal);
            }
        }
        return found;
    }

    /** Same NAL units in the same order, compared by content. */
    static boolean sameUnits(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Reads a NAL unit's type from its header. */
    @FunctionalInterface
    interface NalTypes {
        int type(byte[] nal);

        NalTypes AVC = nal -> nal[0] & 0x1F;
        NalTypes HEVC = nal -> (nal[0] >> 1) & 0x3F;
    }
}
