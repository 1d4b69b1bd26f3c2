package dev.inlet.ingest.srt;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvTagSink;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.RtmpFrameWriter;
import dev.inlet.media.TsDemuxer;
import dev.inlet.media.TsTrack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what a {@link TsDemuxer} reads into the FLV tags of one single-track stream, the form the stream core and
 * every player take: the first video and the first audio stream are followed (FLV carries one of each; others are
 * ignored), timestamps are rebased onto the publish's own timeline, and {@link RtmpFrameWriter} builds the sequence
 * headers (AVC legacy, HEVC Enhanced RTMP, AAC AudioSpecificConfig, Opus) from the configuration the frames and
 * tracks bring, sending a new one before the first frame after a change. Not thread-safe: one per publish.
 *
 * <p>Video that starts before any audio is held back briefly (at most {@value #MAX_HELD_VIDEO_MS} ms or
 * {@value #MAX_HELD_VIDEO_FRAMES} frames, once per publish) until the audio shows up: otherwise the first onMetaData
 * describes video only and a second one follows mid-stream when the audio arrives, which ffmpeg's FLV reader turns
 * into a data track and after which its RTMP players record audio only (GStreamer's mpegtsmux sends video ~20 ms
 * ahead of audio). A stream without audio just starts that much later.
 */
final class TsToFlv implements TsDemuxer.Listener {

    private static final Logger LOG = Logger.getLogger(TsToFlv.class.getName());
    private static final int NONE = -1;
    /** Marks an audio stream that FLV cannot carry (multichannel Opus): its frames are skipped. */
    private static final int UNWRITABLE = -2;

    /** Where the tags go, and the decoded packets for media observers. */
    interface Output extends FlvTagSink {

        /** Whether anyone wants {@link #packet}s now; they are only built then. */
        boolean wantsPackets();

        /** One access unit on the publish's timeline, in {@link AVPacket} form. */
        void packet(AVPacket packet);

        /** No {@code IOException}: the output hands tags on in memory. */
        @Override
        void writeTag(int tagType, long timestampMs, byte[] body);
    }

    private final Output output;
    private final String source;
    private final RtmpFrameWriter writer;
    private final PublishTimeline timeline = new PublishTimeline();
    private int videoPid = NONE;
    private int audioPid = NONE;
    private long droppedFrames;
    static final long MAX_HELD_VIDEO_MS = 500;
    static final int MAX_HELD_VIDEO_FRAMES = 30;
    private final java.util.ArrayDeque<AVPacket> heldVideo = new java.util.ArrayDeque<>();
    /** Once video has been let through it is never held again. */
    private boolean videoFlowing;
    private boolean skippedReported;

    /** @param source who sends this stream, for logs (already safe to log) */
    TsToFlv(Output output, String source) {
        this.output = output;
        this.source = source;
        this.writer = new RtmpFrameWriter(output::writeTag);
    }

    @Override
    public void onTrack(TsTrack track) {
        if (track.kind().isVideo()) {
            if (videoPid == NONE) {
                videoPid = track.pid();
            }
            return; // the writer reads the parameter sets from the keyframes, which the demuxer gives them all
        }
        if (audioPid == NONE) {
            audioPid = track.pid();
        }
        if (track.pid() != audioPid) {
            return;
        }
        try {
            switch (track.kind()) {
                case AAC -> writer.setAudioConfig(track.aacConfig());
                case OPUS -> writer.setOpusHead(track.opusHead());
                default -> { }
            }
        } catch (IllegalArgumentException | MediaFormatException e) {
            LOG.log(Level.INFO, "audio of {0} cannot be carried to players and is skipped: {1}",
                    new Object[]{source, e.getMessage()});
            audioPid = UNWRITABLE;
        }
        releaseHeldVideo(); // the audio is known now: one onMetaData will describe both
    }

    @Override
    public void onFrame(TsTrack track, AVPacket packet) {
        if (track.pid() != videoPid && track.pid() != audioPid) {
            return;
        }
        if (track.pid() == videoPid && !videoFlowing) {
            if (audioPid == NONE) {
                heldVideo.addLast(packet);
                if (heldVideo.size() >= MAX_HELD_VIDEO_FRAMES
                        || packet.dts() - heldVideo.peekFirst().dts() >= MAX_HELD_VIDEO_MS) {
                    releaseHeldVideo(); // no audio after all, or not yet: video must not wait longer
                }
                return;
            }
            releaseHeldVideo();
        }
        write(packet);
    }

    private void releaseHeldVideo() {
        videoFlowing = true;
        while (!heldVideo.isEmpty()) {
            write(heldVideo.removeFirst());
        }
    }

    private void write(AVPacket packet) {
        long dts = timeline.map(packet.dts());
        long pts = dts + packet.compositionTime();
        try {
            writer.writeFrame(packet.kind(), packet.data(), pts, dts);
        } catch (MediaFormatException | IllegalArgumentException | IllegalStateException e) {
            // One bad frame (or one before its configuration) is dropped; the publish goes on.
            if (droppedFrames++ == 0) {
                LOG.log(Level.FINE, "dropping a frame of " + source, e);
            }
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the output never throws it
        }
        if (output.wantsPackets()) {
            output.packet(new AVPacket(packet.kind(), packet.data(), pts, dts, packet.keyframe(),
                    packet.discontinuity()));
        }
    }

    @Override
    public void onSkippedStream(int programNumber, int pid, int streamType) {
        if (!skippedReported) {
            skippedReported = true;
            LOG.log(Level.INFO, "{0} sends a stream Inlet does not read (program {1}, PID {2}, type 0x{3}); skipped",
                    new Object[]{source, programNumber, pid, Integer.toHexString(streamType)});
        }
    }

    /** The end of the stream: audio held back waiting for video goes out. */
    void finish() {
        releaseHeldVideo();
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frames that could not be written (malformed, out of range, before their configuration). */
    long droppedFrames() {
        return droppedFrames + writer.droppedVideoFrames();
    }
}
