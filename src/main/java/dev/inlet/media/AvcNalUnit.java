package dev.inlet.media;

/** H.264 NAL unit types this package acts on (ITU-T H.264 table 7-1). */
public final class AvcNalUnit {

    public static final int NON_IDR_SLICE = 1;
    public static final int IDR_SLICE = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int ACCESS_UNIT_DELIMITER = 9;

    private AvcNalUnit() {
    }

    /** The nal_unit_type of a NAL unit (without start code or length prefix). */
    public static int type(byte[] nal) {
        if (nal.length == 0) {
            throw new MediaFormatException("empty NAL unit");
        }
        return nal[0] & 0x1F;
    }
}
