package dev.inlet.media;

/**
 * An MPEG audio frame header (ISO/IEC 11172-3 and 13818-3, with the MPEG 2.5 extension): version, layer, bitrate,
 * sample rate and channels of an MP3 stream.
 *
 * @param version    1, 2 or 25 (MPEG 2.5)
 * @param layer      1, 2 or 3
 * @param bitrateKbps 0 for the free format
 */
public record Mp3FrameHeader(int version, int layer, int bitrateKbps, int sampleRate, int channels) {

    private static final int[][] BITRATES = {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // V1 L1
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // V1 L2
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // V1 L3
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // V2 L1
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};        // V2 L2, L3
    private static final int[] RATES = {44100, 48000, 32000};

    public static Mp3FrameHeader parse(byte[] data, int offset) {
        Bytes.require(data, offset, 4, "MPEG audio header");
        int header = Bytes.u32AsInt(data, offset, "MPEG audio header");
        if ((header >>> 21) != 0x7FF) {
            throw new MediaFormatException("no MPEG audio sync word");
        }
        int versionBits = (header >> 19) & 3;
        int layerBits = (header >> 17) & 3;
        int bitrateIndex = (header >> 12) & 0x0F;
        int rateIndex = (header >> 10) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 15 || rateIndex == 3) {
            throw new MediaFormatException("reserved MPEG audio header fields");
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int sampleRate = RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int channels = ((header >> 6) & 3) == 3 ? 1 : 2;
        return new Mp3FrameHeader(version, layer, BITRATES[table][bitrateIndex], sampleRate, channels);
    }
}
