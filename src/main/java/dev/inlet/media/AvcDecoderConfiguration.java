package dev.inlet.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The AVCDecoderConfigurationRecord (ISO/IEC 14496-15 section 5.3.3.1): the body of an FLV/RTMP AVC sequence
 * header. {@link #toBytes()} writes the base record; the optional high-profile extension (chroma format and bit
 * depths) is skipped when parsing and not written, because decoders read those values from the SPS.
 *
 * @param profile       AVCProfileIndication (profile_idc of the first SPS)
 * @param compatibility profile_compatibility (the constraint flags byte)
 * @param level         AVCLevelIndication
 * @param nalLengthSize size of the NAL unit length prefix in the frames, 1..4 bytes
 * @param sps           the sequence parameter set NAL units (1..31, each at most 65535 bytes)
 * @param pps           the picture parameter set NAL units (0..255, each at most 65535 bytes)
 */
public record AvcDecoderConfiguration(int profile, int compatibility, int level, int nalLengthSize,
                                      List<byte[]> sps, List<byte[]> pps) implements DecoderConfigurationRecord {

    private static final int VERSION = 1;
    private static final int MAX_SPS = 31;
    private static final int MAX_PPS = 255;
    private static final int MAX_PARAMETER_SET_SIZE = 0xFFFF;

    public AvcDecoderConfiguration {
        if (nalLengthSize < 1 || nalLengthSize > 4) {
            throw new IllegalArgumentException("NAL length size must be 1..4, not " + nalLengthSize);
        }
        sps = copyOf(sps, MAX_SPS, "SPS");
        pps = copyOf(pps, MAX_PPS, "PPS");
    }

    /**
     * Builds the record for a stream's parameter sets, with 4-byte NAL lengths; profile, compatibility and level are
     * taken from bytes 1..3 of the first SPS, as ISO/IEC 14496-15 requires.
     */
    public static AvcDecoderConfiguration fromParameterSets(List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new IllegalArgumentException("an AVC configuration needs at least one SPS and one PPS");
        }
        byte[] first = sps.get(0);
        if (first.length < 4) {
            throw new MediaFormatException("SPS of " + first.length + " bytes is too short");
        }
        return new AvcDecoderConfiguration(first[1] & 0xFF, first[2] & 0xFF, first[3] & 0xFF, 4, sps, pps);
    }

    /** Parses a record; throws {@link MediaFormatException} if it is truncated or not version 1. */
    public static AvcDecoderConfiguration parse(byte[] record) {
        int version = Bytes.u8(record, 0, "AVC configuration version");
        if (version != VERSION) {
            throw new MediaFormatException("AVC configuration version " + version + ", expected 1");
        }
        int profile = Bytes.u8(record, 1, "AVC profile");
        int compatibility = Bytes.u8(record, 2, "AVC profile compatibility");
        int level = Bytes.u8(record, 3, "AVC level");
        int nalLengthSize = (Bytes.u8(record, 4, "AVC NAL length size") & 0x03) + 1;
        int spsCount = Bytes.u8(record, 5, "AVC SPS count") & 0x1F;
        int position = 6;
        List<byte[]> sps = new ArrayList<>(spsCount);
        for (int i = 0; i < spsCount; i++) {
            int length = Bytes.u16(record, position, "AVC SPS length");
            sps.add(Bytes.slice(record, position + 2, length, "AVC SPS"));
            position += 2 + length;
        }
        int ppsCount = Bytes.u8(record, position++, "AVC PPS count");
        List<byte[]> pps = new ArrayList<>(ppsCount);
        for (int i = 0; i < ppsCount; i++) {
            int length = Bytes.u16(record, position, "AVC PPS length");
            pps.add(Bytes.slice(record, position + 2, length, "AVC PPS"));
            position += 2 + length;
        }
        return new AvcDecoderConfiguration(profile, compatibility, level, nalLengthSize, sps, pps);
    }

    @Override
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        out.write(profile);
        out.write(compatibility);
        out.write(level);
        out.write(0xFC | (nalLengthSize - 1));
        out.write(0xE0 | sps.size());
        for (byte[] nal : sps) {
            writeParameterSet(out, nal);
        }
        out.write(pps.size());
        for (byte[] nal : pps) {
            writeParameterSet(out, nal);
        }
        return out.toByteArray();
    }

    /** The coded picture size from the first SPS. */
    public AvcSps firstSps() {
        if (sps.isEmpty()) {
            throw new MediaFormatException("AVC configuration without an SPS");
        }
        return AvcSps.parse(sps.get(0));
    }

    private static void writeParameterSet(ByteArrayOutputStream out, byte[] nal) {
        out.write(nal.length >>> 8);
        out.write(nal.length);
        out.writeBytes(nal);
    }

    private static List<byte[]> copyOf(List<byte[]> sets, int maxCount, String name) {
        Objects.requireNonNull(sets, name);
        if (sets.size() > maxCount) {
            throw new IllegalArgumentException(sets.size() + " " + name + " NAL units, at most " + maxCount);
        }
        for (byte[] set : sets) {
            if (set.length > MAX_PARAMETER_SET_SIZE) {
                throw new IllegalArgumentException(name + " of " + set.length + " bytes, at most " + MAX_PARAMETER_SET_SIZE);
            }
        }
        return List.copyOf(sets);
    }

    /** Same parameter sets and fields (byte contents compared, not array identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof AvcDecoderConfiguration that
                && profile == that.profile && compatibility == that.compatibility && level == that.level
                && nalLengthSize == that.nalLengthSize && sameContents(sps, that.sps) && sameContents(pps, that.pps);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(profile, compatibility, level, nalLengthSize);
        for (byte[] set : sps) {
            hash = hash * 31 + Arrays.hashCode(set);
        }
        for (byte[] set : pps) {
            hash = hash * 31 + Arrays.hashCode(set);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "AvcDecoderConfiguration[profile=" + profile + ", compatibility=" + compatibility + ", level=" + level
                + ", nalLengthSize=" + nalLengthSize + ", sps=" + sps.size() + ", pps=" + pps.size() + "]";
    }

    static boolean sameContents(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
