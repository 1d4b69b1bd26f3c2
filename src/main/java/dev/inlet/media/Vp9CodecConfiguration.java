package dev.inlet.media;

import java.util.Arrays;

/**
 * The VPCodecConfigurationRecord ({@code vpcC}, VP Codec ISO Media File Format Binding section 2.2), as a full box
 * body (version and flags first): the body of an Enhanced RTMP {@code vp09} SequenceStart. It has no picture size;
 * {@link Vp9FrameHeader} reads that from a key frame.
 */
public record Vp9CodecConfiguration(int profile, int level, int bitDepth, int chromaSubsampling, boolean fullRange,
                                    int colourPrimaries, int transferCharacteristics, int matrixCoefficients)
        implements DecoderConfigurationRecord {

    private static final int SIZE = 12;

    public static Vp9CodecConfiguration parse(byte[] record) {
        Bytes.require(record, 0, SIZE, "VP9 codec configuration");
        int packed = record[6] & 0xFF;
        return new Vp9CodecConfiguration(record[4] & 0xFF, record[5] & 0xFF, packed >> 4, (packed >> 1) & 0x07,
                (packed & 1) != 0, record[7] & 0xFF, record[8] & 0xFF, record[9] & 0xFF);
    }

    /** A configuration for what a key frame header says (level unknown: 0; colour unspecified: 2). */
    public static Vp9CodecConfiguration fromFrameHeader(Vp9FrameHeader header) {
        int subsampling = header.chromaFormat() == 1 ? 1 : header.chromaFormat() == 2 ? 2 : 3;
        return new Vp9CodecConfiguration(header.profile(), 0, header.bitDepth(), subsampling, false, 2, 2, 2);
    }

    /** Chroma format: 1 for 4:2:0, 2 for 4:2:2, 3 for 4:4:4. */
    public int chromaFormat() {
        return chromaSubsampling <= 1 ? 1 : chromaSubsampling == 2 ? 2 : 3;
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {1, 0, 0, 0, (byte) profile, (byte) level,
                (byte) (bitDepth << 4 | chromaSubsampling << 1 | (fullRange ? 1 : 0)),
                (byte) colourPrimaries, (byte) transferCharacteristics, (byte) matrixCoefficients, 0, 0};
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vp9CodecConfiguration that && Arrays.equals(toBytes(), that.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }
}
