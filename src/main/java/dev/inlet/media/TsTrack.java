package dev.inlet.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * A demuxed elementary stream and its current decoder configuration, as {@link TsDemuxer.Listener#onTrack} reports
 * it (again whenever the configuration changes).
 *
 * @param programNumber the MPEG-TS program the stream belongs to
 * @param pid           the elementary PID
 * @param kind          {@code H264}, {@code H265}, {@code AAC} or {@code OPUS}
 * @param configuration what a sequence header carries: the avcC or hvcC record, the AudioSpecificConfig, or the
 *                      OpusHead (RFC 7845 section 5.1) derived from the PMT's channel configuration
 */
public record TsTrack(int programNumber, int pid, FrameKind kind, byte[] configuration) {

    public TsTrack {
        Objects.requireNonNull(kind, "kind");
        configuration = configuration.clone();
    }

    @Override
    public byte[] configuration() {
        return configuration.clone();
    }

    public AvcDecoderConfiguration avcConfig() {
        return kind == FrameKind.H264 ? AvcDecoderConfiguration.parse(configuration) : null;
    }

    public HevcDecoderConfiguration hevcConfig() {
        return kind == FrameKind.H265 ? HevcDecoderConfiguration.parse(configuration) : null;
    }

    public AudioSpecificConfig aacConfig() {
        return kind == FrameKind.AAC ? AudioSpecificConfig.parse(configuration) : null;
    }

    public OpusHead opusHead() {
        return kind == FrameKind.OPUS ? OpusHead.parse(configuration) : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TsTrack that && programNumber == that.programNumber && pid == that.pid
                && kind == that.kind && Arrays.equals(configuration, that.configuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(programNumber, pid, kind) * 31 + Arrays.hashCode(configuration);
    }

    @Override
    public String toString() {
        return "TsTrack[program " + programNumber + ", pid " + pid + ", " + kind + ", " + configuration.length + " bytes]";
    }
}
