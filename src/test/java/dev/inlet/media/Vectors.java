package dev.inlet.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed encoder vectors (src/test/resources/media) read into AVPackets by {@link FlvToAvPacket}; public for the
 * tests of the media sub-packages.
 */
public final class Vectors {

    /** The packets of a vector and the converter that read them (its sequence headers). */
    public record Read(List<AVPacket> packets, FlvToAvPacket converter) {
    }

    private Vectors() {
    }

    public static byte[] resource(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static Read packets(String name) {
        return packets(FlvReader.read(resource(name)).tags());
    }

    /** The audio and video packets of a whole FLV file. */
    public static Read packetsOfFlv(byte[] flvFile) {
        return packets(FlvReader.read(flvFile).tags());
    }

    /** What a player reading the writer's tags gets back. */
    static Read packets(RecordingSink sink) {
        return packets(sink.tags.stream().map(tag -> new FlvReader.Tag(tag.type(), tag.timestamp(), tag.body())).toList());
    }

    /** Audio and video packets of the tags, in tag order. */
    static Read packets(List<FlvReader.Tag> tags) {
        FlvToAvPacket converter = new FlvToAvPacket();
        List<AVPacket> packets = new ArrayList<>();
        for (FlvReader.Tag tag : tags) {
            AVPacket packet = tag.type() == FlvTagSink.VIDEO ? converter.video(tag.body(), tag.timestamp())
                    : tag.type() == FlvTagSink.AUDIO ? converter.audio(tag.body(), tag.timestamp()) : null;
            if (packet != null) {
                packets.add(packet);
            }
        }
        return new Read(packets, converter);
    }

    /** The packets moved by {@code offset} ms. */
    static List<AVPacket> shifted(List<AVPacket> packets, long offset) {
        return packets.stream().map(p -> new AVPacket(p.kind(), p.data(), p.pts() + offset, p.dts() + offset,
                p.keyframe(), p.discontinuity())).toList();
    }
}
