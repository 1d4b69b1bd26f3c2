package dev.inlet.media;

/**
 * Everything an AudioSpecificConfig (ISO/IEC 14496-3 section 1.6.2.1) says about an AAC stream, including the SBR
 * (HE-AAC) and parametric stereo (HE-AAC v2) extensions, whether signalled explicitly (object type 5 or 29 in front)
 * or backward compatibly (the 0x2B7 sync extension after the GASpecificConfig).
 *
 * @param objectType       the object type as signalled first (5 SBR, 29 PS, otherwise the core type)
 * @param coreObjectType   the underlying AAC object type (2 = LC)
 * @param sampleRate       the core sampling frequency
 * @param outputSampleRate the frequency after SBR (twice the core rate for usual HE-AAC), else the core one
 * @param channels         the channel configuration (parametric stereo outputs 2 from 1)
 * @param sbr              spectral band replication present
 * @param ps               parametric stereo present
 */
public record AacConfigDetails(int objectType, int coreObjectType, int sampleRate, int outputSampleRate, int channels,
                               boolean sbr, boolean ps) {

    private static final int SBR = 5;
    private static final int PS = 29;
    private static final int SYNC_SBR = 0x2B7;
    private static final int SYNC_PS = 0x548;

    public static AacConfigDetails parse(byte[] asc) {
        BitReader bits = new BitReader(asc);
        int objectType = objectType(bits);
        int sampleRate = frequency(bits);
        int channels = bits.readInt(4);
        int coreType = objectType;
        boolean sbr = false;
        boolean ps = false;
        int outputRate = sampleRate;
        if (objectType == SBR || objectType == PS) {
            sbr = true;
            ps = objectType == PS;
            outputRate = frequency(bits);
            coreType = objectType(bits);
        }
        try {
            if (skipGaSpecificConfig(bits, coreType, channels) && !sbr && bits.bitsLeft() >= 16
                    && bits.readInt(11) == SYNC_SBR && objectType(bits) == SBR) {
                sbr = bits.readFlag();
                if (sbr) {
                    outputRate = frequency(bits);
                    if (bits.bitsLeft() >= 12 && bits.readInt(11) == SYNC_PS) {
                        ps = bits.readFlag();
                    }
                }
            }
        } catch (MediaFormatException truncatedExtension) {
            // The leading fields are what players need; a cut extension is ignored.
        }
        return new AacConfigDetails(objectType, coreType, sampleRate, outputRate, ps ? Math.max(2, channels) : channels, sbr, ps);
    }

    /** A profile name: {@code LC}, {@code HE-AAC}, {@code HE-AACv2}, {@code Main}, ... */
    public String profileName() {
        if (ps) {
            return "HE-AACv2";
        }
        if (sbr) {
            return "HE-AAC";
        }
        return switch (coreObjectType) {
            case 1 -> "Main";
            case 2 -> "LC";
            case 3 -> "SSR";
            case 4 -> "LTP";
            default -> "AOT " + coreObjectType;
        };
    }

    /** Skips a GASpecificConfig; false when the object type or a program config element makes that impossible. */
    private static boolean skipGaSpecificConfig(BitReader bits, int objectType, int channels) {
        boolean generalAudio = switch (objectType) {
            case 1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23 -> true;
            default -> false;
        };
        if (!generalAudio || channels == 0) {
            return false;
        }
        bits.skipBits(1); // frameLengthFlag
        if (bits.readFlag()) { // dependsOnCoreCoder
            bits.skipBits(14);
        }
        boolean extension = bits.readFlag();
        if (objectType == 6 || objectType == 20) {
            bits.skipBits(3);
        }
        if (extension) {
            if (objectType == 22) {
                bits.skipBits(16);
            }
            if (objectType == 17 || objectType == 19 || objectType == 20 || objectType == 23) {
                bits.skipBits(3);
            }
            bits.skipBits(1);
        }
        return true;
    }

    private static int objectType(BitReader bits) {
        int type = bits.readInt(5);
        return type == 31 ? 32 + bits.readInt(6) : type;
    }

    private static int frequency(BitReader bits) {
        int index = bits.readInt(4);
        int rate = index == 15 ? bits.readInt(24) : AudioSpecificConfig.rateFromIndex(index);
        if (rate == 0) {
            throw new MediaFormatException("sampling frequency 0");
        }
        return rate;
    }
}
