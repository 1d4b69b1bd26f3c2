package dev.inlet.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Records what a {@link TsDemuxer} reports, and loads the TS fixtures (made with ffmpeg, see {@code ts/README.md}). */
final class TsRecording implements TsDemuxer.Listener {

    record Frame(int pid, AVPacket packet) {
    }

    record Skipped(int programNumber, int pid, int streamType) {
    }

    final List<TsTrack> tracks = new ArrayList<>();
    final List<Frame> frames = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();

    @Override
    public void onTrack(TsTrack track) {
        tracks.add(track);
    }

    @Override
    public void onFrame(TsTrack track, AVPacket packet) {
        frames.add(new Frame(track.pid(), packet));
    }

    @Override
    public void onSkippedStream(int programNumber, int pid, int streamType) {
        skipped.add(new Skipped(programNumber, pid, streamType));
    }

    List<AVPacket> framesOf(int pid) {
        return frames.stream().filter(frame -> frame.pid() == pid).map(Frame::packet).toList();
    }

    /** Demuxes {@code ts} fed in one piece, then flushed. */
    static TsRecording demux(byte[] ts) {
        TsRecording recording = new TsRecording();
        TsDemuxer demuxer = new TsDemuxer(recording);
        demuxer.feed(ts);
        demuxer.flush();
        return recording;
    }

    static byte[] fixture(String name) {
        try (InputStream in = TsRecording.class.getResourceAsStream("ts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture ts/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 188-byte packets of a fixture. */
    static List<byte[]> packets(byte[] ts) {
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i + TsPacket.SIZE <= ts.length; i += TsPacket.SIZE) {
            byte[] packet = new byte[TsPacket.SIZE];
            System.arraycopy(ts, i, packet, 0, TsPacket.SIZE);
            packets.add(packet);
        }
        return packets;
    }

    static byte[] join(List<byte[]> parts) {
        int total = parts.stream().mapToInt(part -> part.length).sum();
        byte[] out = new byte[total];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, position, part.length);
            position += part.length;
        }
        return out;
    }

    static int pid(byte[] packet) {
        return (packet[1] & 0x1F) << 8 | (packet[2] & 0xFF);
    }

    static boolean unitStart(byte[] packet) {
        return (packet[1] & 0x40) != 0;
    }
}
