package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.Vectors;

import java.util.ArrayList;
import java.util.List;

/** One track of the committed encoder vectors: its codec, its decoder configuration and its packets. */
record TestTracks(FrameKind kind, byte[] configuration, List<AVPacket> packets) {

    static TestTracks h264() {
        Vectors.Read read = Vectors.packets("h264-high.flv");
        return new TestTracks(FrameKind.H264, read.converter().avcConfig().toBytes(), read.packets());
    }

    static TestTracks h265() {
        Vectors.Read read = Vectors.packets("hevc-main.flv");
        return new TestTracks(FrameKind.H265, read.converter().hevcConfig().toBytes(), read.packets());
    }

    static TestTracks av1() {
        Vectors.Read read = Vectors.packets("av1.flv");
        return new TestTracks(FrameKind.AV1, read.converter().av1Config().toBytes(), read.packets());
    }

    static TestTracks vp9() {
        Vectors.Read read = Vectors.packets("vp9.flv");
        return new TestTracks(FrameKind.VP9, read.converter().vp9Config().toBytes(), read.packets());
    }

    static TestTracks aac() {
        Vectors.Read read = Vectors.packets("aac-lc.flv");
        return new TestTracks(FrameKind.AAC, read.converter().aacConfigRecord(), read.packets());
    }

    /**
     * The committed OpusHead and ten 20 ms packets 20 ms apart: a CELT fullband TOC byte (config 31, one frame) and
     * a few payload bytes, which is all a container needs to know.
     */
    static TestTracks opus() {
        List<AVPacket> packets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] packet = {(byte) (31 << 3), (byte) i, 0x55, 0x66};
            packets.add(new AVPacket(FrameKind.OPUS, packet, i * 20L, i * 20L, true, false));
        }
        return new TestTracks(FrameKind.OPUS, Vectors.resource("opus-head.bin"), packets);
    }

    static List<TestTracks> all() {
        return List.of(h264(), h265(), av1(), vp9(), aac(), opus());
    }

    TrackFormat format() {
        return TrackFormat.of(kind, configuration);
    }

    /** The format once the first key frame completed it (VP9 takes its picture size from there). */
    TrackFormat formatAtFirstKeyframe() {
        TrackFormat format = format();
        return kind.isVideo() ? format.atKeyframe(packets.get(0)) : format;
    }
}
