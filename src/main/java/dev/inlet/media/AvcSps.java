package dev.inlet.media;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 section 7.3.2.1.1) that stream metadata
 * needs: profile, level, the displayed picture size after frame cropping, bit depth, chroma format and the
 * frame rate when the VUI signals timing.
 *
 * @param profile      profile_idc
 * @param level        level_idc
 * @param width        displayed width in luma samples
 * @param height       displayed height in luma samples
 * @param bitDepth     luma bit depth (8 unless a high profile says otherwise)
 * @param chromaFormat chroma_format_idc: 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param frameRate    frames per second from the VUI timing info, or 0 when not signalled
 */
public record AvcSps(int profile, int level, int width, int height, int bitDepth, int chromaFormat, double frameRate) {

    public AvcSps(int profile, int level, int width, int height) {
        this(profile, level, width, height, 8, 1, 0);
    }

    /** Parses an SPS NAL unit (header byte included, emulation prevention bytes still in place). */
    public static AvcSps parse(byte[] nal) {
        if (AvcNalUnit.type(nal) != AvcNalUnit.SPS) {
            throw new MediaFormatException("NAL unit type " + AvcNalUnit.type(nal) + " is not an SPS");
        }
        byte[] rbsp = removeEmulationPrevention(nal);
        BitReader bits = new BitReader(rbsp, 1, rbsp.length - 1);
        int profile = bits.readInt(8);
        bits.skipBits(8); // constraint flags and reserved bits
        int level = bits.readInt(8);
        bits.readUe(31, "seq_parameter_set_id");

        int chromaFormat = 1;
        boolean separateColourPlanes = false;
        int bitDepth = 8;
        if (hasChromaFields(profile)) {
            chromaFormat = bits.readUe(3, "chroma_format_idc");
            if (chromaFormat == 3) {
                separateColourPlanes = bits.readFlag();
            }
            bitDepth = 8 + bits.readUe(6, "bit_depth_luma_minus8");
            bits.readUe(6, "bit_depth_chroma_minus8");
            bits.readFlag(); // qpprime_y_zero_transform_bypass_flag
            if (bits.readFlag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormat == 3 ? 12 : 8;
                for (int i = 0; i < lists; i++) {
                    if (bits.readFlag()) {
                        skipScalingList(bits, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        bits.readUe(12, "log2_max_frame_num_minus4");
        int pocType = bits.readUe(2, "pic_order_cnt_type");
        if (pocType == 0) {
            bits.readUe(12, "log2_max_pic_order_cnt_lsb_minus4");
        } else if (pocType == 1) {
            bits.readFlag(); // delta_pic_order_always_zero_flag
            bits.readSe(); // offset_for_non_ref_pic
            bits.readSe(); // offset_for_top_to_bottom_field
            int cycle = bits.readUe(255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                bits.readSe();
            }
        }
        bits.readUe(); // max_num_ref_frames
        bits.readFlag(); // gaps_in_frame_num_value_allowed_flag
        int widthInMbs = bits.readUe(1 << 16, "pic_width_in_mbs_minus1") + 1;
        int heightInMapUnits = bits.readUe(1 << 16, "pic_height_in_map_units_minus1") + 1;
        boolean frameMbsOnly = bits.readFlag();
        if (!frameMbsOnly) {
            bits.readFlag(); // mb_adaptive_frame_field_flag
        }
        bits.readFlag(); // direct_8x8_inference_flag
        long cropLeft = 0;
        long cropRight = 0;
        long cropTop = 0;
        long cropBottom = 0;
        if (bits.readFlag()) { // frame_cropping_flag
            cropLeft = bits.readUe();
            cropRight = bits.readUe();
            cropTop = bits.readUe();
            cropBottom = bits.readUe();
        }

        // Crop units, H.264 equations 7-19 to 7-22 and table 6-1.
        int chromaArrayType = separateColourPlanes ? 0 : chromaFormat;
        int subWidthC = chromaFormat == 3 ? 1 : 2;
        int subHeightC = chromaFormat == 1 ? 2 : 1;
        int frameHeightFactor = frameMbsOnly ? 1 : 2;
        long cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
        long cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (long) frameHeightFactor;
        long width = widthInMbs * 16L - cropUnitX * (cropLeft + cropRight);
        long height = frameHeightFactor * heightInMapUnits * 16L - cropUnitY * (cropTop + cropBottom);
        if (width <= 0 || height <= 0) {
            throw new MediaFormatException("SPS cropping leaves no picture (" + width + "x" + height + ")");
        }
        double frameRate = 0;
        try {
            frameRate = bits.readFlag() ? vuiFrameRate(bits) : 0;
        } catch (MediaFormatException truncatedVui) {
            // Some encoders cut the VUI short; the picture size is still right.
        }
        return new AvcSps(profile, level, (int) width, (int) height, bitDepth, chromaFormat, frameRate);
    }

    /** H.264 Annex E.1.1 up to the timing info; frame rate = time_scale / (2 * num_units_in_tick). */
    private static double vuiFrameRate(BitReader bits) {
        if (bits.readFlag()) { // aspect_ratio_info_present_flag
            if (bits.readInt(8) == 255) { // Extended_SAR
                bits.skipBits(32);
            }
        }
        if (bits.readFlag()) { // overscan_info_present_flag
            bits.skipBits(1);
        }
        if (bits.readFlag()) { // video_signal_type_present_flag
            bits.skipBits(4);
            if (bits.readFlag()) { // colour_description_present_flag
                bits.skipBits(24);
            }
        }
        if (bits.readFlag()) { // chroma_loc_info_present_flag
            bits.readUe();
            bits.readUe();
        }
        if (!bits.readFlag()) { // timing_info_present_flag
            return 0;
        }
        long unitsInTick = bits.readBits(32);
        long timeScale = bits.readBits(32);
        return unitsInTick == 0 ? 0 : timeScale / (2.0 * unitsInTick);
    }

    private static boolean hasChromaFields(int profile) {
        return switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(BitReader bits, int size) {
        long lastScale = 8;
        long nextScale = 8;
        for (int j = 0; j < size && nextScale != 0; j++) {
            long delta = bits.readSe();
            nextScale = Math.floorMod(lastScale + delta + 256, 256);
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
    }

    /** Drops each 0x03 that follows two zero bytes (H.264 section 7.4.1). */
    static byte[] removeEmulationPrevention(byte[] nal) {
        byte[] out = new byte[nal.length];
        int length = 0;
        int zeros = 0;
        for (byte b : nal) {
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[length++] = b;
        }
        return java.util.Arrays.copyOf(out, length);
    }
}
