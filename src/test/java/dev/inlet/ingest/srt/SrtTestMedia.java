package dev.inlet.ingest.srt;

import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;
import dev.inlet.media.TsDemuxer;
import dev.inlet.media.TsTrack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Media for the SRT reader tests: the project's TS and FLV fixtures as hub frames, and a TS read back. */
final class SrtTestMedia {

    /** One FLV tag. */
    record Tag(int type, long timestamp, byte[] body) {
        MediaFrame frame(long offset) {
            return MediaFrame.parse(type, body, timestamp + offset);
        }
    }

    /** What a {@link TsDemuxer} found in a TS. */
    static final class Demuxed implements TsDemuxer.Listener {
        final List<TsTrack> tracks = new ArrayList<>();
        final List<AVPacket> frames = new ArrayList<>();
        final List<Integer> skipped = new ArrayList<>();
        TsDemuxer.Stats stats;

        static Demuxed of(byte[] ts) {
            Demuxed demuxed = new Demuxed();
            TsDemuxer demuxer = new TsDemuxer(demuxed);
            demuxer.feed(ts);
            demuxer.flush();
            demuxed.stats = demuxer.stats();
            return demuxed;
        }

        @Override
        public void onTrack(TsTrack track) {
            tracks.add(track);
        }

        @Override
        public void onFrame(TsTrack track, AVPacket packet) {
            frames.add(packet);
        }

        @Override
        public void onSkippedStream(int programNumber, int pid, int streamType) {
            skipped.add(streamType);
        }

        List<AVPacket> framesOf(dev.inlet.media.FrameKind kind) {
            return frames.stream().filter(frame -> frame.kind() == kind).toList();
        }
    }

    private SrtTestMedia() {
    }

    /** A TS fixture ({@code dev/inlet/media/ts/}) as the FLV tags an SRT publish of it makes ({@link TsToFlv}). */
    static List<Tag> tagsOfTs(String fixture) {
        List<Tag> tags = new ArrayList<>();
        TsToFlv flv = new TsToFlv(new TsToFlv.Output() {
            @Override
            public void writeTag(int tagType, long timestampMs, byte[] body) {
                tags.add(new Tag(tagType, timestampMs, body));
            }

            @Override
            public boolean wantsPackets() {
                return false;
            }

            @Override
            public void packet(AVPacket packet) {
            }
        }, "test");
        TsDemuxer demuxer = new TsDemuxer(flv);
        byte[] ts = resource("/dev/inlet/media/ts/" + fixture);
        for (int offset = 0; offset < ts.length; offset += 1316) {
            demuxer.feed(ts, offset, Math.min(1316, ts.length - offset));
        }
        demuxer.flush();
        flv.finish();
        return tags;
    }

    /** The tags of an FLV fixture ({@code media/}). */
    static List<Tag> tagsOfFlv(String fixture) {
        byte[] file = resource("/media/" + fixture);
        List<Tag> tags = new ArrayList<>();
        int position = u32(file, 5) + 4;
        while (position + 11 <= file.length) {
            int type = file[position] & 0x1F;
            int size = u24(file, position + 1);
            long timestamp = u24(file, position + 4) | (file[position + 7] & 0xFFL) << 24;
            byte[] body = java.util.Arrays.copyOfRange(file, position + 11, position + 11 + size);
            tags.add(new Tag(type, timestamp, body));
            position += 11 + size + 4;
        }
        return tags;
    }

    /** The last timestamp of {@code tags} plus one frame's time: where a repetition of them continues. */
    static long durationOf(List<Tag> tags) {
        return tags.stream().mapToLong(Tag::timestamp).max().orElse(0) + 40;
    }

    private static byte[] resource(String name) {
        try (InputStream in = SrtTestMedia.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int u24(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 16 | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF);
    }

    private static int u32(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | u24(bytes, at + 1);
    }
}
