package dev.inlet.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The HEVCDecoderConfigurationRecord ({@code hvcC}, ISO/IEC 14496-15 section 8.3.3.1): the body of an Enhanced RTMP
 * {@code hvc1} SequenceStart. Keeps the general profile, tier and level, chroma format, bit depth, the average frame
 * rate (0 when unsignalled), the NAL length size and the VPS, SPS and PPS NAL units.
 */
public record HevcDecoderConfiguration(int profileSpace, boolean highTier, int profile, long compatibilityFlags,
                                       long constraintFlags, int level, int chromaFormat, int bitDepthLuma,
                                       int bitDepthChroma, int avgFrameRate, int nalLengthSize,
                                       List<byte[]> vps, List<byte[]> sps, List<byte[]> pps)
        implements DecoderConfigurationRecord {

    public static final int NAL_VPS = 32;
    public static final int NAL_SPS = 33;
    public static final int NAL_PPS = 34;
    private static final int HEADER_SIZE = 23;
    private static final int MAX_NAL_UNITS = 64;

    public HevcDecoderConfiguration {
        vps = List.copyOf(vps);
        sps = List.copyOf(sps);
        pps = List.copyOf(pps);
    }

    /** Parses a record; throws {@link MediaFormatException} if it is truncated or not version 1. */
    public static HevcDecoderConfiguration parse(byte[] record) {
        Bytes.require(record, 0, HEADER_SIZE, "HEVC decoder configuration");
        if (record[0] != 1) {
            throw new MediaFormatException("HEVC decoder configuration version " + (record[0] & 0xFF));
        }
        BitReader bits = new BitReader(record, 1, HEADER_SIZE - 1);
        int profileSpace = bits.readInt(2);
        boolean highTier = bits.readFlag();
        int profile = bits.readInt(5);
        long compatibility = bits.readBits(32);
        long constraints = bits.readBits(16) << 32 | bits.readBits(32);
        int level = bits.readInt(8);
        bits.skipBits(4 + 12 + 6 + 2 + 6); // reserved, min_spatial_segmentation_idc, reserved, parallelismType, reserved
        int chromaFormat = bits.readInt(2);
        bits.skipBits(5);
        int bitDepthLuma = bits.readInt(3) + 8;
        bits.skipBits(5);
        int bitDepthChroma = bits.readInt(3) + 8;
        int avgFrameRate = bits.readInt(16);
        bits.skipBits(2 + 3 + 1); // constantFrameRate, numTemporalLayers, temporalIdNested
        int nalLengthSize = bits.readInt(2) + 1;
        int arrays = bits.readInt(8);
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        int position = HEADER_SIZE;
        int total = 0;
        for (int array = 0; array < arrays; array++) {
            int type = Bytes.u8(record, position, "NAL unit array type") & 0x3F;
            int count = Bytes.u16(record, position + 1, "NAL unit count");
            position += 3;
            for (int i = 0; i < count; i++) {
                if (++total > MAX_NAL_UNITS) {
                    throw new MediaFormatException("more than " + MAX_NAL_UNITS + " parameter sets in hvcC");
                }
                int length = Bytes.u16(record, position, "NAL unit length");
                byte[] nal = Bytes.slice(record, position + 2, length, "parameter set");
                position += 2 + length;
                switch (type) {
                    case NAL_VPS -> vps.add(nal);
                    case NAL_SPS -> sps.add(nal);
                    case NAL_PPS -> pps.add(nal);
                    default -> { } // SEI arrays are not needed to start a decoder
                }
            }
        }
        return new HevcDecoderConfiguration(profileSpace, highTier, profile, compatibility, constraints, level,
                chromaFormat, bitDepthLuma, bitDepthChroma, avgFrameRate, nalLengthSize, vps, sps, pps);
    }

    /** Builds the record for a stream's parameter sets (4-byte NAL lengths), taking the header fields from the SPS. */
    public static HevcDecoderConfiguration fromParameterSets(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty()) {
            throw new IllegalArgumentException("an HEVC configuration needs an SPS");
        }
        HevcSps first = HevcSps.parse(sps.get(0));
        return new HevcDecoderConfiguration(first.profileSpace(), first.highTier(), first.profile(),
                first.compatibilityFlags(), first.constraintFlags(), first.level(), first.chromaFormat(),
                first.bitDepthLuma(), first.bitDepthChroma(), 0, 4, vps, sps, pps);
    }

    /** Writes the record. */
    @Override
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(profileSpace << 6 | (highTier ? 0x20 : 0) | profile);
        writeBits(out, compatibilityFlags, 4);
        writeBits(out, constraintFlags, 6);
        out.write(level);
        out.write(0xF0);
        out.write(0x00); // min_spatial_segmentation_idc 0
        out.write(0xFC); // parallelismType 0 (unknown)
        out.write(0xFC | chromaFormat);
        out.write(0xF8 | (bitDepthLuma - 8));
        out.write(0xF8 | (bitDepthChroma - 8));
        writeBits(out, avgFrameRate, 2);
        out.write(0x0C | (nalLengthSize - 1)); // one temporal layer, temporal id nested
        List<List<byte[]>> arrays = List.of(vps, sps, pps);
        int[] types = {NAL_VPS, NAL_SPS, NAL_PPS};
        int present = (int) arrays.stream().filter(list -> !list.isEmpty()).count();
        out.write(present);
        for (int i = 0; i < 3; i++) {
            if (arrays.get(i).isEmpty()) {
                continue;
            }
            out.write(0x80 | types[i]); // array_completeness: all of this type are here
            writeBits(out, arrays.get(i).size(), 2);
            for (byte[] nal : arrays.get(i)) {
                writeBits(out, nal.length, 2);
                out.writeBytes(nal);
            }
        }
        return out.toByteArray();
    }

    /** The first SPS, parsed. */
    public HevcSps firstSps() {
        if (sps.isEmpty()) {
            throw new MediaFormatException("HEVC configuration without an SPS");
        }
        return HevcSps.parse(sps.get(0));
    }

    /** VPS, SPS and PPS in decoding order, as they go in front of an IRAP picture. */
    public List<byte[]> parameterSets() {
        List<byte[]> all = new ArrayList<>(vps);
        all.addAll(sps);
        all.addAll(pps);
        return all;
    }

    private static void writeBits(ByteArrayOutputStream out, long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HevcDecoderConfiguration that && Arrays.equals(toBytes(), that.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "HevcDecoderConfiguration[profile=" + profile + ", level=" + level + ", vps=" + vps.size()
                + ", sps=" + sps.size() + ", pps=" + pps.size() + "]";
    }
}
