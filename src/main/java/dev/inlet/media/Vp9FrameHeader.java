package dev.inlet.media;

import java.util.Optional;

/**
 * The start of a VP9 uncompressed frame header (VP9 bitstream specification section 6.2): profile, whether the frame
 * is a key frame and, for key frames, bit depth, chroma format and frame size.
 */
public record Vp9FrameHeader(int profile, boolean keyframe, int width, int height, int bitDepth, int chromaFormat) {

    private static final int SYNC_CODE = 0x498342;

    /** Reads the header of a frame (or the first frame of a superframe); empty when it only shows an earlier frame. */
    public static Optional<Vp9FrameHeader> parse(byte[] frame) {
        BitReader bits = new BitReader(frame);
        if (bits.readInt(2) != 2) {
            throw new MediaFormatException("VP9 frame marker missing");
        }
        int profile = bits.readInt(1) | bits.readInt(1) << 1;
        if (profile == 3) {
            bits.skipBits(1);
        }
        if (bits.readFlag()) { // show_existing_frame
            return Optional.empty();
        }
        boolean keyframe = bits.readInt(1) == 0;
        bits.skipBits(2); // show_frame, error_resilient_mode
        if (!keyframe) {
            return Optional.of(new Vp9FrameHeader(profile, false, 0, 0, 0, 0));
        }
        if (bits.readBits(24) != SYNC_CODE) {
            throw new MediaFormatException("VP9 key frame without its sync code");
        }
        int bitDepth = profile >= 2 ? (bits.readFlag() ? 12 : 10) : 8;
        int colorSpace = bits.readInt(3);
        int chroma = 1;
        if (colorSpace != 7) { // not sRGB
            bits.skipBits(1); // color_range
            if (profile == 1 || profile == 3) {
                boolean subX = bits.readFlag();
                boolean subY = bits.readFlag();
                bits.skipBits(1);
                chroma = subX && subY ? 1 : subX ? 2 : 3;
            }
        } else {
            chroma = 3;
            if (profile == 1 || profile == 3) {
                bits.skipBits(1);
            }
        }
        int width = bits.readInt(16) + 1;
        int height = bits.readInt(16) + 1;
        return Optional.of(new Vp9FrameHeader(profile, true, width, height, bitDepth, chroma));
    }
}
