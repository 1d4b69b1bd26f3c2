package dev.inlet.media;

import java.nio.charset.StandardCharsets;

/** Four-character codes (Enhanced RTMP codec ids such as {@code hvc1}, {@code av01}) as big-endian ints. */
public final class FourCc {

    public static final int AVC1 = of("avc1");
    public static final int HVC1 = of("hvc1");
    public static final int AV01 = of("av01");
    public static final int VP09 = of("vp09");
    public static final int VP08 = of("vp08");
    public static final int OPUS = of("Opus");
    public static final int AC3 = of("ac-3");
    public static final int EC3 = of("ec-3");
    public static final int FLAC = of("fLaC");
    public static final int MP4A = of("mp4a");
    public static final int MP3 = of(".mp3");

    private FourCc() {
    }

    /** The codec an Enhanced RTMP video or audio FourCC names, if this package can decode it. */
    public static java.util.Optional<FrameKind> frameKind(int fourCc) {
        FrameKind kind = null;
        if (fourCc == AVC1) {
            kind = FrameKind.H264;
        } else if (fourCc == HVC1) {
            kind = FrameKind.H265;
        } else if (fourCc == AV01) {
            kind = FrameKind.AV1;
        } else if (fourCc == VP09) {
            kind = FrameKind.VP9;
        } else if (fourCc == OPUS) {
            kind = FrameKind.OPUS;
        } else if (fourCc == MP4A) {
            kind = FrameKind.AAC;
        } else if (fourCc == MP3) {
            kind = FrameKind.MP3;
        }
        return java.util.Optional.ofNullable(kind);
    }

    public static int of(String code) {
        byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != 4) {
            throw new IllegalArgumentException("a FourCC has four characters: " + code);
        }
        return (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
    }

    public static String toString(int fourCc) {
        StringBuilder text = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            char c = (char) ((fourCc >>> shift) & 0xFF);
            text.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.toString();
    }
}
