package dev.inlet.media;

import java.util.List;

/**
 * The fields of an AV1 sequence header OBU (AV1 section 5.5) that stream metadata needs.
 *
 * @param width     max_frame_width_minus_1 + 1
 * @param height    max_frame_height_minus_1 + 1
 * @param frameRate from the timing info when signalled with an equal picture interval, else 0
 */
public record Av1SequenceHeader(int profile, int level, boolean highTier, int width, int height, int bitDepth,
                                int chromaFormat, double frameRate) {

    /** Parses a whole sequence header OBU (OBU header and optional size included). */
    public static Av1SequenceHeader parseObu(byte[] obu) {
        List<Av1Obus.Obu> obus = Av1Obus.split(obu);
        if (obus.isEmpty()) {
            throw new MediaFormatException("no OBU in " + obu.length + " bytes");
        }
        Av1Obus.Obu first = obus.get(0);
        if (first.type() != Av1Obus.SEQUENCE_HEADER) {
            throw new MediaFormatException("OBU type " + first.type() + " is not a sequence header");
        }
        BitReader bits = new BitReader(obu, first.headerLength(), first.length() - first.headerLength());
        int profile = bits.readInt(3);
        bits.skipBits(1); // still_picture
        boolean reduced = bits.readFlag();
        int level;
        boolean highTier = false;
        double frameRate = 0;
        boolean decoderModelInfo = false;
        int bufferDelayLength = 0;
        if (reduced) {
            level = bits.readInt(5);
        } else {
            if (bits.readFlag()) { // timing_info_present_flag
                long unitsInTick = bits.readBits(32);
                long timeScale = bits.readBits(32);
                if (bits.readFlag()) { // equal_picture_interval
                    long ticks = readUvlc(bits) + 1;
                    // in double: two 32-bit factors overflow a long (and made the frame rate negative)
                    frameRate = unitsInTick == 0 ? 0 : timeScale / ((double) unitsInTick * ticks);
                }
                decoderModelInfo = bits.readFlag();
                if (decoderModelInfo) {
                    bufferDelayLength = bits.readInt(5) + 1;
                    bits.skipBits(32 + 5 + 5);
                }
            }
            boolean initialDisplayDelay = bits.readFlag();
            int points = bits.readInt(5) + 1;
            level = 0;
            for (int i = 0; i < points; i++) {
                bits.skipBits(12); // operating_point_idc
                int pointLevel = bits.readInt(5);
                boolean pointTier = pointLevel > 7 && bits.readFlag();
                if (i == 0) {
                    level = pointLevel;
                    highTier = pointTier;
                }
                if (decoderModelInfo && bits.readFlag()) {
                    bits.skipBits(2L * bufferDelayLength + 1);
                }
                if (initialDisplayDelay && bits.readFlag()) {
                    bits.skipBits(4);
                }
            }
        }
        int widthBits = bits.readInt(4) + 1;
        int heightBits = bits.readInt(4) + 1;
        long width = bits.readBits(widthBits) + 1;
        long height = bits.readBits(heightBits) + 1;
        int bitDepth = 8;
        int chroma = 1;
        try {
            int[] color = colorConfig(bits, profile, reduced);
            bitDepth = color[0];
            chroma = color[1];
        } catch (MediaFormatException truncated) {
            // The size is known; depth and chroma stay at their common values.
        }
        return new Av1SequenceHeader(profile, level, highTier, (int) width, (int) height, bitDepth, chroma, frameRate);
    }

    /** Skips to color_config and reads bit depth and chroma format. */
    private static int[] colorConfig(BitReader bits, int profile, boolean reduced) {
        if (!reduced && bits.readFlag()) { // frame_id_numbers_present_flag
            bits.skipBits(4 + 3);
        }
        bits.skipBits(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
        if (!reduced) {
            bits.skipBits(4); // interintra, masked compound, warped motion, dual filter
            boolean orderHint = bits.readFlag();
            if (orderHint) {
                bits.skipBits(2); // enable_jnt_comp, enable_ref_frame_mvs
            }
            int forceScreenContent = bits.readFlag() ? 2 : bits.readInt(1);
            if (forceScreenContent > 0 && !bits.readFlag()) { // seq_choose_integer_mv
                bits.skipBits(1);
            }
            if (orderHint) {
                bits.skipBits(3);
            }
        }
        bits.skipBits(3); // enable_superres, enable_cdef, enable_restoration
        boolean highBitDepth = bits.readFlag();
        int bitDepth = 8;
        if (profile == 2 && highBitDepth) {
            bitDepth = bits.readFlag() ? 12 : 10;
        } else if (highBitDepth) {
            bitDepth = 10;
        }
        boolean mono = profile != 1 && bits.readFlag();
        int chroma = mono ? 0 : profile == 0 ? 1 : profile == 1 ? 3 : 1;
        return new int[] {bitDepth, chroma};
    }

    private static long readUvlc(BitReader bits) {
        int leadingZeros = 0;
        while (bits.readBit() == 0) {
            if (++leadingZeros >= 32) {
                return (1L << 32) - 1;
            }
        }
        return bits.readBits(leadingZeros) + (1L << leadingZeros) - 1;
    }
}
