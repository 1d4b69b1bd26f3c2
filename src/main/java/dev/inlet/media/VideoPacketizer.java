package dev.inlet.media;

/**
 * One video codec's part of {@link RtmpFrameWriter}: reads the codec's access units, keeps the decoder configuration
 * they reveal and says what goes into a frame tag. The writer owns the tags, timing and ordering.
 */
interface VideoPacketizer {

    /** The picture data of one access unit, in the form its FLV tag carries, and whether a decoder can start there. */
    record Picture(byte[] payload, boolean keyframe) {
    }

    /** Width, height and frame rate (0 when unknown) for {@code onMetaData}. */
    record Dimensions(int width, int height, double frameRate) {
    }

    /**
     * Reads one access unit and updates {@link #configuration()} from what it carries. Returns null when the unit
     * holds no picture (configuration only).
     *
     * @throws MediaFormatException if the data is malformed
     */
    Picture read(byte[] accessUnit);

    /** The decoder configuration record (equal records mean the same configuration), or null while none is known. */
    DecoderConfigurationRecord configuration();

    /** The Enhanced RTMP FourCC of the codec ({@link FourCc#AVC1} means the legacy AVC tag layout). */
    int fourCc();

    /** The picture size from the configuration, or null when it cannot be read. */
    Dimensions dimensions();
}
