package dev.inlet.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * One media access unit, as stream callbacks receive it and as {@link RtmpFrameWriter} sends it.
 *
 * <p>Payload formats, by {@link FrameKind}:
 * <ul>
 *   <li>{@code H264}: one access unit in Annex-B form, every NAL unit preceded by the 4-byte start code
 *       {@code 00 00 00 01}. Every IDR access unit (and every access unit the sender marked as a keyframe)
 *       starts with the SPS and PPS (after an access unit delimiter, if any), taken from the last sequence
 *       header when the frame itself lacks them, so any keyframe can start a decoder.</li>
 *   <li>{@code AAC}: one raw AAC frame ({@code raw_data_block}), without an ADTS header. Its decoder
 *       configuration is the {@link AudioSpecificConfig} of the stream ({@link FlvToAvPacket#aacConfig()});
 *       {@link AudioSpecificConfig#adtsHeader(int)} builds an ADTS header when one is needed. Raw frames
 *       were chosen because ADTS cannot express every AudioSpecificConfig and RTMP, MP4 and WebRTC all
 *       carry raw frames.</li>
 *   <li>{@code H265}: one access unit in Annex-B form like H.264; every IRAP access unit starts with the VPS,
 *       SPS and PPS (from the last Enhanced RTMP sequence start when the frame lacks them).</li>
 *   <li>{@code AV1}: one temporal unit as a sequence of OBUs, each with its size field (the low-overhead
 *       bitstream format); keyframes start with the sequence header OBU.</li>
 *   <li>{@code VP9}: one frame (or superframe) exactly as the encoder produced it.</li>
 *   <li>{@code OPUS}: one Opus packet; its set-up is the stream's {@link OpusHead}.</li>
 *   <li>{@code MP3}: one MP3 frame, as carried in FLV.</li>
 *   <li>{@code DATA}: the AMF0 bytes of one data message (for example {@code onMetaData} and its ECMA array).</li>
 * </ul>
 *
 * @param kind          the codec, or {@code DATA}
 * @param data          the payload described above; treated as read-only once the packet is built
 * @param pts           presentation time in milliseconds
 * @param dts           decoding time in milliseconds ({@code pts - dts} is the composition offset)
 * @param keyframe      a decoder can start at this packet (video: IDR or sender-marked keyframe; audio and data: always)
 * @param discontinuity the decoder configuration changed just before this packet (new SPS/PPS or AudioSpecificConfig)
 */
public record AVPacket(FrameKind kind, byte[] data, long pts, long dts, boolean keyframe, boolean discontinuity) {

    public AVPacket {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
    }

    /** Composition offset in milliseconds ({@code pts - dts}); negative values are legal. */
    public long compositionTime() {
        return pts - dts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AVPacket that
                && kind == that.kind && pts == that.pts && dts == that.dts
                && keyframe == that.keyframe && discontinuity == that.discontinuity
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, pts, dts, keyframe, discontinuity) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AVPacket[" + kind + ", " + data.length + " bytes, pts=" + pts + ", dts=" + dts
                + (keyframe ? ", keyframe" : "") + (discontinuity ? ", discontinuity" : "") + "]";
    }
}
