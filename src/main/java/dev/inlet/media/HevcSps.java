package dev.inlet.media;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 section 7.3.2.2) that stream metadata needs: the
 * general profile, tier and level, the picture size after the conformance window, bit depth, chroma format and the
 * frame rate when the VUI signals timing (0 otherwise).
 */
public record HevcSps(int profileSpace, boolean highTier, int profile, long compatibilityFlags, long constraintFlags,
                      int level, int width, int height, int chromaFormat, int bitDepthLuma, int bitDepthChroma,
                      double frameRate) {

    private static final int MAX_SHORT_TERM_SETS = 64;
    private static final int MAX_DELTA_POCS = 32;

    /** Parses an SPS NAL unit (2-byte header included, emulation prevention bytes still in place). */
    public static HevcSps parse(byte[] nal) {
        if (nal.length < 3 || ((nal[0] >> 1) & 0x3F) != HevcDecoderConfiguration.NAL_SPS) {
            throw new MediaFormatException("not an HEVC SPS NAL unit");
        }
        byte[] rbsp = AvcSps.removeEmulationPrevention(nal);
        BitReader bits = new BitReader(rbsp, 2, rbsp.length - 2);
        bits.skipBits(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = bits.readInt(3);
        bits.skipBits(1); // sps_temporal_id_nesting_flag
        int profileSpace = bits.readInt(2);
        boolean highTier = bits.readFlag();
        int profile = bits.readInt(5);
        long compatibility = bits.readBits(32);
        long constraints = bits.readBits(16) << 32 | bits.readBits(32);
        int level = bits.readInt(8);
        skipSubLayers(bits, maxSubLayersMinus1);
        bits.readUe(15, "sps_seq_parameter_set_id");
        int chromaFormat = bits.readUe(3, "chroma_format_idc");
        if (chromaFormat == 3) {
            bits.skipBits(1); // separate_colour_plane_flag
        }
        long width = bits.readUe(1 << 16, "pic_width_in_luma_samples");
        long height = bits.readUe(1 << 16, "pic_height_in_luma_samples");
        if (bits.readFlag()) { // conformance_window_flag
            int subWidth = chromaFormat == 1 || chromaFormat == 2 ? 2 : 1;
            int subHeight = chromaFormat == 1 ? 2 : 1;
            width -= subWidth * (bits.readUe() + bits.readUe());
            height -= subHeight * (bits.readUe() + bits.readUe());
        }
        if (width <= 0 || height <= 0) {
            throw new MediaFormatException("HEVC SPS leaves no picture (" + width + "x" + height + ")");
        }
        int bitDepthLuma = bits.readUe(8, "bit_depth_luma_minus8") + 8;
        int bitDepthChroma = bits.readUe(8, "bit_depth_chroma_minus8") + 8;
        double frameRate = 0;
        try {
            frameRate = frameRate(bits, maxSubLayersMinus1);
        } catch (MediaFormatException unusualTail) {
            // Size and depth are read; the frame rate is measured from the timestamps instead.
        }
        return new HevcSps(profileSpace, highTier, profile, compatibility, constraints, level, (int) width,
                (int) height, chromaFormat, bitDepthLuma, bitDepthChroma, frameRate);
    }

    private static void skipSubLayers(BitReader bits, int maxSubLayersMinus1) {
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = bits.readFlag();
            levelPresent[i] = bits.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            bits.skipBits(2L * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            bits.skipBits((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }
    }

    /** Walks the rest of the SPS to the VUI timing info (H.265 7.3.2.2.1 and E.2.1). */
    private static double frameRate(BitReader bits, int maxSubLayersMinus1) {
        int log2MaxPocLsb = bits.readUe(12, "log2_max_pic_order_cnt_lsb_minus4") + 4;
        boolean orderingInfo = bits.readFlag();
        for (int i = orderingInfo ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
            bits.readUe();
            bits.readUe();
            bits.readUe();
        }
        for (int i = 0; i < 6; i++) {
            bits.readUe(); // coding block, transform block sizes and hierarchy depths
        }
        if (bits.readFlag() && bits.readFlag()) { // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
            skipScalingListData(bits);
        }
        bits.skipBits(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
        if (bits.readFlag()) { // pcm_enabled_flag
            bits.skipBits(8);
            bits.readUe();
            bits.readUe();
            bits.skipBits(1);
        }
        int sets = bits.readUe(MAX_SHORT_TERM_SETS, "num_short_term_ref_pic_sets");
        int[] deltaPocs = new int[sets];
        for (int i = 0; i < sets; i++) {
            deltaPocs[i] = shortTermRefPicSet(bits, i, deltaPocs);
        }
        if (bits.readFlag()) { // long_term_ref_pics_present_flag
            int longTerm = bits.readUe(32, "num_long_term_ref_pics_sps");
            for (int i = 0; i < longTerm; i++) {
                bits.skipBits(log2MaxPocLsb + 1L);
            }
        }
        bits.skipBits(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
        if (!bits.readFlag()) { // vui_parameters_present_flag
            return 0;
        }
        if (bits.readFlag() && bits.readInt(8) == 255) { // aspect_ratio_info_present_flag, EXTENDED_SAR
            bits.skipBits(32);
        }
        if (bits.readFlag()) { // overscan_info_present_flag
            bits.skipBits(1);
        }
        if (bits.readFlag()) { // video_signal_type_present_flag
            bits.skipBits(4);
            if (bits.readFlag()) {
                bits.skipBits(24);
            }
        }
        if (bits.readFlag()) { // chroma_loc_info_present_flag
            bits.readUe();
            bits.readUe();
        }
        bits.skipBits(3); // neutral_chroma_indication_flag, field_seq_flag, frame_field_info_present_flag
        if (bits.readFlag()) { // default_display_window_flag
            for (int i = 0; i < 4; i++) {
                bits.readUe();
            }
        }
        if (!bits.readFlag()) { // vui_timing_info_present_flag
            return 0;
        }
        long unitsInTick = bits.readBits(32);
        long timeScale = bits.readBits(32);
        return unitsInTick == 0 ? 0 : (double) timeScale / unitsInTick;
    }

    private static void skipScalingListData(BitReader bits) {
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                if (!bits.readFlag()) { // scaling_list_pred_mode_flag
                    bits.readUe();
                } else {
                    int coefficients = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        bits.readSe();
                    }
                    for (int i = 0; i < coefficients; i++) {
                        bits.readSe();
                    }
                }
            }
        }
    }

    /** Skips st_ref_pic_set(index) and returns its NumDeltaPocs (H.265 7.3.7 and 7.4.8). */
    private static int shortTermRefPicSet(BitReader bits, int index, int[] deltaPocs) {
        if (index != 0 && bits.readFlag()) { // inter_ref_pic_set_prediction_flag
            bits.skipBits(1); // delta_rps_sign
            bits.readUe(); // abs_delta_rps_minus1
            int count = 0;
            for (int j = 0; j <= deltaPocs[index - 1]; j++) {
                boolean used = bits.readFlag();
                if (used || bits.readFlag()) {
                    count++;
                }
            }
            return count;
        }
        int negative = bits.readUe(MAX_DELTA_POCS, "num_negative_pics");
        int positive = bits.readUe(MAX_DELTA_POCS, "num_positive_pics");
        for (int i = 0; i < negative + positive; i++) {
            bits.readUe();
            bits.skipBits(1);
        }
        return negative + positive;
    }
}
