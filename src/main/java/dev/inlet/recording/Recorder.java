package dev.inlet.recording;

import dev.inlet.cmaf.FrameToFmp4;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.Player;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.fmp4.Fmp4Muxer;
import dev.inlet.media.fmp4.Fragment;
import dev.inlet.media.fmp4.InitSegment;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records one publish of a stream: a reader of the stream's hub (the server's own, like the HLS muxer) that muxes
 * what the hub sends into fragmented MP4 and hands every init segment and fragment to the {@link DiskWriter}. The
 * hub keeps a reader through failovers and encoder reconnects within the grace, so those continue the same file on
 * one timeline. Runs on the publisher's thread and never blocks it: when the disk cannot take a fragment the
 * recording fails ({@code onFailure}) and the live stream goes on.
 */
final class Recorder implements Player {

    private static final Logger LOG = Logger.getLogger(Recorder.class.getName());
    private static final int MAX_FRAGMENT_SAMPLES = 10_000;
    private static final int MAX_FRAGMENT_BYTES = 32 << 20;

    private final RecordingInfo started;
    private final PlayInfo info;
    private final DiskWriter writer;
    private final DiskWriter.Target target;
    private final FrameToFmp4 frames;
    private final Consumer<String> onFailure;
    private final Consumer<String> onFailedClosed;
    private final Consumer<String> onEnd;
    private volatile boolean open = true;
    private volatile boolean wroteMedia;
    private volatile long bytesQueued;

    /**
     * @param onFailure      told at once why the recording stopped early (the disk, the muxer), before the file is
     *                       closed: a stalled disk may take long to give it back
     * @param onFailedClosed told after a failure, once the file is closed
     * @param onEnd          told once, after the file is closed, that it ended normally (the stream ended, or a stop)
     */
    Recorder(RecordingInfo started, DiskWriter writer, DiskWriter.Target target, long fragmentMs,
             Consumer<String> onFailure, Consumer<String> onFailedClosed, Consumer<String> onEnd) {
        this.started = started;
        this.info = new PlayInfo("server", "recording", "Inlet recorder", started.stream());
        this.writer = writer;
        this.target = target;
        this.onFailure = onFailure;
        this.onFailedClosed = onFailedClosed;
        this.onEnd = onEnd;
        Fmp4Muxer.Sink sink = new Fmp4Muxer.Sink() {
            @Override
            public void onInitSegment(InitSegment init) {
                queue(init.bytes());
            }

            @Override
            public void onFragment(Fragment fragment) {
                wroteMedia = true;
                queue(fragment.bytes());
            }
        };
        this.frames = new FrameToFmp4(new Fmp4Muxer(sink,
                new Fmp4Muxer.Settings(fragmentMs, MAX_FRAGMENT_SAMPLES, MAX_FRAGMENT_BYTES)));
    }

    RecordingInfo recording() {
        return started;
    }

    boolean wroteMedia() {
        return wroteMedia;
    }

    private void queue(byte[] bytes) {
        if (!open) {
            return;
        }
        if (!writer.append(target, bytes)) {
            java.io.IOException failure = target.failure();
            fail(failure != null ? "writing failed: " + failure.getMessage()
                    : "the disk does not keep up: " + (target.queued() >> 10) + " KiB of this recording still queued");
            return;
        }
        bytesQueued += bytes.length;
    }

    private void fail(String reason) {
        if (!open) {
            return;
        }
        open = false;
        onFailure.accept(reason);
        writer.close(target, () -> onFailedClosed.accept(reason));
    }

    /** The disk failed a write (on the writer's thread). */
    void diskFailed(java.io.IOException e) {
        synchronized (this) {
            fail("writing failed: " + e.getMessage());
        }
    }

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** On the publisher's thread; synchronized with {@link #end}, which housekeeping may call (the muxer is not thread-safe). */
    @Override
    public synchronized void writeFrame(MediaFrame frame) {
        if (!open) {
            return;
        }
        try {
            frames.write(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording of " + started.stream() + " failed in the muxer", e);
            fail("muxing failed: " + e);
        }
    }

    @Override
    public void writeTag(int tagType, long timestamp, byte[] body) {
        writeFrame(MediaFrame.parse(tagType, body, timestamp));
    }

    /** The stream ended (or the recording was turned off): the last fragment is written and the file closed. */
    @Override
    public synchronized void end(String reason) {
        if (!open) {
            return;
        }
        try {
            frames.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the last fragment of the recording of " + started.stream() + " was lost", e);
        }
        if (!open) {
            return; // the flush's fragment did not fit: failed instead
        }
        open = false;
        writer.close(target, () -> onEnd.accept(reason));
    }

    @Override
    public long bytesSent() {
        return bytesQueued;
    }

    /** Frames left out: of a codec MP4 cannot carry here, or malformed. */
    long droppedFrames() {
        return frames.droppedFrames() + frames.uncarriedFrames();
    }
}
