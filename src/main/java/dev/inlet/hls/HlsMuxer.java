package dev.inlet.hls;

import dev.inlet.cmaf.FrameToFmp4;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.Player;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.fmp4.Fmp4Muxer;
import dev.inlet.media.fmp4.Fragment;
import dev.inlet.media.fmp4.InitSegment;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HLS output of one live stream: a reader of the stream's hub (the server's own, not a viewer) that muxes what
 * the hub sends — first the sequence headers and the cached GOP, then live — into CMAF fragments for its
 * {@link HlsWindow}. Runs on the publisher's thread and never blocks it: muxing is in memory and the window is
 * bounded. A failure ends this output only.
 */
final class HlsMuxer implements Player {

    private static final Logger LOG = Logger.getLogger(HlsMuxer.class.getName());

    private final PlayInfo info;
    private final HlsWindow window;
    private final FrameToFmp4 frames;
    private final Fmp4Muxer muxer;
    private volatile boolean open = true;
    private volatile InitSegment latestInit;
    private volatile long bytesMuxed;

    HlsMuxer(String stream, HlsWindow window, long partTargetMs) {
        this.info = new PlayInfo("server", "hls", "Inlet HLS muxer", stream);
        this.window = window;
        Fmp4Muxer.Sink sink = new Fmp4Muxer.Sink() {
            @Override
            public void onInitSegment(InitSegment init) {
                latestInit = init;
                window.onInitSegment(init);
            }

            @Override
            public void onFragment(Fragment fragment) {
                bytesMuxed += fragment.bytes().length;
                window.onFragment(fragment);
            }
        };
        this.muxer = new Fmp4Muxer(sink, new Fmp4Muxer.Settings(partTargetMs, 2_000, 16 << 20));
        this.frames = new FrameToFmp4(muxer);
    }

    HlsWindow window() {
        return window;
    }

    /** The init segment of the latest fragment: what the multivariant playlist describes; null before the first. */
    InitSegment latestInit() {
        return latestInit;
    }

    long bytesMuxed() {
        return bytesMuxed;
    }

    long droppedFrames() {
        return frames.droppedFrames() + frames.uncarriedFrames();
    }

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * On the publisher's thread. Synchronized with {@link #end}, which housekeeping may call while a frame is being
     * muxed (the muxer is not thread-safe); uncontended otherwise.
     */
    @Override
    public synchronized void writeFrame(MediaFrame frame) {
        if (!open) {
            return;
        }
        try {
            frames.write(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HLS muxing of " + info.streamName() + " failed; its HLS output ends", e);
            open = false;
            window.end();
        }
    }

    @Override
    public void writeTag(int tagType, long timestamp, byte[] body) {
        writeFrame(MediaFrame.parse(tagType, body, timestamp));
    }

    /** The stream ended (or the hub gave up on this reader): what is muxed is handed on, the playlist ends. */
    @Override
    public synchronized void end(String reason) {
        if (!open) {
            return;
        }
        open = false;
        try {
            frames.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the last HLS fragment of " + info.streamName() + " was lost", e);
        }
        window.end();
    }

    @Override
    public long bytesSent() {
        return bytesMuxed;
    }
}
