package dev.inlet.media;

import java.util.Arrays;

/**
 * The AV1CodecConfigurationRecord ({@code av1C}, AV1 Codec ISO Media File Format Binding section 2.3): the body of
 * an Enhanced RTMP {@code av01} SequenceStart. The config OBUs normally hold the sequence header OBU, which gives the
 * maximum frame size and timing ({@link #sequenceHeader()}).
 *
 * @param profile         seq_profile (0 Main, 1 High, 2 Professional)
 * @param level           seq_level_idx of operating point 0
 * @param bitDepth        8, 10 or 12
 * @param chromaFormat    0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param configObus      the configOBUs bytes (may be empty)
 */
public record Av1CodecConfiguration(int profile, int level, boolean highTier, int bitDepth, int chromaFormat,
                                    byte[] configObus) implements DecoderConfigurationRecord {

    private static final int HEADER_SIZE = 4;

    /** Parses a record; throws {@link MediaFormatException} if it is truncated or lacks the marker bit. */
    public static Av1CodecConfiguration parse(byte[] record) {
        Bytes.require(record, 0, HEADER_SIZE, "AV1 codec configuration");
        if ((record[0] & 0x80) == 0) {
            throw new MediaFormatException("AV1 codec configuration without its marker bit");
        }
        int profile = (record[1] >> 5) & 0x07;
        int level = record[1] & 0x1F;
        int flags = record[2] & 0xFF;
        boolean highTier = (flags & 0x80) != 0;
        boolean highBitDepth = (flags & 0x40) != 0;
        boolean twelveBit = (flags & 0x20) != 0;
        boolean monochrome = (flags & 0x10) != 0;
        boolean subX = (flags & 0x08) != 0;
        boolean subY = (flags & 0x04) != 0;
        int bitDepth = twelveBit ? 12 : highBitDepth ? 10 : 8;
        int chroma = monochrome ? 0 : subX && subY ? 1 : subX ? 2 : 3;
        return new Av1CodecConfiguration(profile, level, highTier, bitDepth, chroma,
                Arrays.copyOfRange(record, HEADER_SIZE, record.length));
    }

    /** The record for a sequence header OBU (the whole OBU, header and size field included). */
    public static Av1CodecConfiguration fromSequenceHeaderObu(byte[] obu) {
        Av1SequenceHeader header = Av1SequenceHeader.parseObu(obu);
        return new Av1CodecConfiguration(header.profile(), header.level(), header.highTier(), header.bitDepth(),
                header.chromaFormat(), obu.clone());
    }

    /** The sequence header among the config OBUs, if there is one. */
    public java.util.Optional<Av1SequenceHeader> sequenceHeader() {
        return Av1Obus.find(configObus, Av1Obus.SEQUENCE_HEADER).map(Av1SequenceHeader::parseObu);
    }

    @Override
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_SIZE + configObus.length];
        out[0] = (byte) 0x81; // marker, version 1
        out[1] = (byte) (profile << 5 | level);
        boolean subX = chromaFormat == 1 || chromaFormat == 2;
        boolean subY = chromaFormat == 1;
        out[2] = (byte) ((highTier ? 0x80 : 0) | (bitDepth > 8 ? 0x40 : 0) | (bitDepth == 12 ? 0x20 : 0)
                | (chromaFormat == 0 ? 0x10 | 0x0C : 0) | (subX ? 0x08 : 0) | (subY ? 0x04 : 0));
        out[3] = 0;
        System.arraycopy(configObus, 0, out, HEADER_SIZE, configObus.length);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Av1CodecConfiguration that && Arrays.equals(toBytes(), that.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "Av1CodecConfiguration[profile=" + profile + ", level=" + level + ", bitDepth=" + bitDepth + "]";
    }
}
