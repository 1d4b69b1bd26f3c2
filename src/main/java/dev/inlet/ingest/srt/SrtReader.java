package dev.inlet.ingest.srt;

import dev.inlet.core.PlayInfo;
import dev.inlet.core.Player;
import dev.inlet.core.Reading;
import dev.inlet.core.StreamEncryption;
import dev.inlet.hub.MediaFrame;
import dev.inlet.srt.SrtConnection;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.srt.SrtVerdict;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One SRT reader from its admission to its end: the {@link Player} the stream core feeds from the stream's hub, whose
 * frames leave as MPEG-TS ({@link FlvToTs}) in 1,316-byte SRT live messages.
 *
 * <p><b>Threads.</b> The hub calls {@link #writeFrame} on the publisher's thread (an RTMP selector or the SRT listener's
 * thread), and during the admission with the catch-up (sequence headers, then the cached GOP from its keyframe).
 * Nothing here blocks: each frame is muxed and its units handed to libsrt with the non-blocking
 * {@link SrtConnection#send}, as an HTTP-FLV player writes only what the container takes without blocking.
 *
 * <p><b>Bounded queue, the hub's back-pressure.</b> A unit that libsrt does not take (no connection yet, or its send
 * buffer is full) is queued here, in order, and sent before anything newer: units are never dropped from the middle,
 * so the TS a reader gets stays whole. The queued bytes are this player's {@link #backlogBytes}, so the hub treats a
 * slow SRT reader like any other: past {@code inlet.hub.max-backlog-bytes} it skips frames to the next keyframe (audio
 * with video), after {@code inlet.hub.max-lag-seconds} of skipping it ends the reader. The queue is retried with
 * every frame the hub publishes, skipped or not ({@link #backlogBytes} is asked for each). {@value #MAX_QUEUED_BYTES} bytes is the hard cap: a connected reader over it is dropped as
 * {@code slow_peer} (counted with the RTMP and HTTP-FLV ones); before the connection exists (the catch-up of a huge
 * GOP) the queue is emptied instead and the reader starts at the next keyframe, as nothing of it was sent yet.
 *
 * <p><b>Life.</b> The core admits the reader during the SRT handshake, before libsrt has a connection: {@link #admitted}
 * gives the verdict, {@code connected} gets the connection. A stream whose codec MPEG-TS cannot carry is refused in
 * the handshake with {@link SrtRejectReason#UNACCEPTABLE} (and a reader whose stream switches to such a codec is ended
 * with the reason). A handshake that then fails (answered too late, a wrong passphrase, the caller gone; the listener
 * says so through {@code handshakeFailed}) is abandoned and the reading closed. The end of the stream sends what is left
 * and closes the connection {@value #END_LINGER_MILLIS} ms later, so that libsrt can still deliver it (live mode
 * discards what is unsent at close); a kick closes it at once. Whatever ends it, the reader leaves the hub and the
 * sessions list once.
 */
final class SrtReader implements Player {

    private static final Logger LOG = Logger.getLogger(SrtReader.class.getName());
    /** The most queued for one reader before it is dropped as {@value #SLOW_PEER}: the HTTP-FLV players' bound. */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    static final String SLOW_PEER = "slow_peer";
    /** How long an ended stream's connection stays open for libsrt to deliver the last units. */
    static final long END_LINGER_MILLIS = 500;

    private static final SrtConnection.Listener IGNORED = new SrtConnection.Listener() {
        @Override
        public void onData(byte[] message, int length) {
        }

        @Override
        public void onClosed(String reason) {
        }
    };

    private final PlayInfo info;
    private final ScheduledExecutorService timers;
    private final Runnable countSlowPeer;
    private final FlvToTs ts = new FlvToTs(this::unit);
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long bytesSent;
    /** Sends libsrt refused (its buffer was full): the unit stayed queued. */
    private long sendsRefused;
    private boolean awaitingKeyframe;
    private SrtConnection connection;
    private Reading reading;
    /** Set once, when the reader leaves (or is refused before it was admitted): no frame is taken after it. */
    private String leftReason;
    /** How a reader that left before its handshake completed is rejected. */
    private SrtRejectReason leftAs = SrtRejectReason.UNAVAILABLE;

    /**
     * @param countSlowPeer counts a reader dropped for not reading (with the other protocols' slow peers)
     */
    SrtReader(PlayInfo info, ScheduledExecutorService timers, Runnable countSlowPeer) {
        this.info = info;
        this.timers = timers;
        this.countSlowPeer = countSlowPeer;
    }

    // ---- the handshake ----

    /** The core admitted the reader: the verdict that lets the caller in, or why it is turned away after all. */
    SrtVerdict admitted(Reading admittedReading, StreamEncryption encryption) {
        String refusal;
        SrtRejectReason reason;
        synchronized (this) {
            if (leftReason == null) {
                reading = admittedReading;
                return SrtVerdicts.accept(encryption, new SrtVerdict.ConnectionHandler() {
                    @Override
                    public SrtConnection.Listener connected(SrtConnection established) {
                        return SrtReader.this.connected(established);
                    }

                    @Override
                    public void handshakeFailed(String reason) {
                        abandon(reason);
                    }
                });
            }
            refusal = leftReason;
            reason = leftAs;
        }
        admittedReading.close(refusal);
        if (reason == SrtRejectReason.UNACCEPTABLE) {
            LOG.log(Level.INFO, "SRT reader {0} of {1} refused: {2}",
                    new Object[]{info.remoteAddress(), info.streamName(), refusal});
        }
        return SrtVerdict.reject(reason, refusal);
    }

    /** The handshake will not produce a connection: the reading, if any, ends. */
    void abandon(String reason) {
        synchronized (this) {
            if (connection != null) {
                return;
            }
        }
        if (leave(reason, SrtRejectReason.UNAVAILABLE)) {
            closeConnection(reason); // in case libsrt connected it meanwhile
        }
    }

    /** libsrt established the admitted connection (on the listener's thread): what is queued goes out. */
    private SrtConnection.Listener connected(SrtConnection established) {
        synchronized (this) {
            if (leftReason == null) {
                connection = established;
                drain();
                return new SrtConnection.Listener() {
                    @Override
                    public void onData(byte[] message, int length) {
                        // a reader has nothing to say; libsrt's acknowledgements are not messages
                    }

                    @Override
                    public void onClosed(String reason) {
                        leave(reason == null ? "SRT connection closed" : reason, SrtRejectReason.UNAVAILABLE);
                    }
                };
            }
        }
        established.close(leftReasonNow());
        return IGNORED;
    }

    // ---- the player ----

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public synchronized boolean isOpen() {
        return leftReason == null && (connection == null || connection.isOpen());
    }

    @Override
    public void writeTag(int tagType, long timestamp, byte[] body) throws IOException {
        writeFrame(MediaFrame.parse(tagType, body, timestamp));
    }

    @Override
    public void writeFrame(MediaFrame frame) throws IOException {
        String uncarriable = null;
        boolean slow = false;
        boolean playing;
        synchronized (this) {
            playing = reading != null;
            if (leftReason != null) {
                throw new IOException("SRT reader " + info.remoteAddress() + " has left");
            }
            if (skipping(frame)) {
                return;
            }
            try {
                ts.write(frame);
            } catch (FlvToTs.Uncarriable e) {
                uncarriable = e.getMessage();
            }
            if (uncarriable == null && queuedBytes > MAX_QUEUED_BYTES) {
                if (connection == null) {
                    startOver();
                } else {
                    slow = true;
                }
            }
            if (uncarriable == null && !slow) {
                drain();
                return;
            }
        }
        if (uncarriable != null) {
            if (leave(uncarriable, SrtRejectReason.UNACCEPTABLE) && playing) {
                // (refused in its handshake, it is logged as refused there)
                LOG.log(Level.INFO, "SRT reader {0} of {1} ended: {2}",
                        new Object[]{info.remoteAddress(), info.streamName(), uncarriable});
                closeConnection(uncarriable);
            }
            return; // not open any more: the hub detaches it with the next frame
        }
        String reason = "more than " + MAX_QUEUED_BYTES + " bytes queued, the SRT reader is not reading (" + SLOW_PEER + ")";
        if (leave(reason, SrtRejectReason.UNAVAILABLE)) {
            countSlowPeer.run();
            LOG.log(Level.INFO, "closing SRT reader {0} of {1}: {2}",
                    new Object[]{info.remoteAddress(), info.streamName(), reason});
            closeConnection(reason);
        }
        throw new IOException("SRT reader " + info.remoteAddress() + " is too slow");
    }

    /**
     * What is queued, after one more try to hand it to libsrt. The hub asks this before each frame it offers, and
     * withholds media while it is high, so asking is also the retry: a reader the hub skips for still drains.
     */
    @Override
    public synchronized long backlogBytes() {
        drain();
        return queuedBytes;
    }

    @Override
    public synchronized long bytesSent() {
        return bytesSent;
    }

    /** A kick: the connection closes at once, whatever is still queued. */
    @Override
    public void disconnect(String reason) {
        if (leave(reason, SrtRejectReason.UNAVAILABLE)) {
            closeConnection(reason);
        }
    }

    /**
     * The stream ended, or the hub gave up on this reader: what is queued goes to libsrt, and the connection closes
     * shortly after so that libsrt can still deliver it; a reader whose queue does not drain is closed at once.
     */
    @Override
    public void end(String reason) {
        boolean drained;
        synchronized (this) {
            if (leftReason != null) {
                return;
            }
            ts.flush();
            drain();
            drained = queue.isEmpty();
        }
        if (!leave(reason, SrtRejectReason.NOT_FOUND)) {
            return;
        }
        if (!drained) {
            closeConnection(reason);
        } else if (schedule(() -> closeConnection(reason), END_LINGER_MILLIS) == null) {
            closeConnection(reason);
        }
    }

    // ---- internals ----

    /**
     * Leaves: no more frames, the queue is dropped, and the reading (if admitted) is closed, which detaches it from
     * the hub and frees its slot. True the first time.
     */
    private boolean leave(String reason, SrtRejectReason before) {
        Reading admitted;
        long refused;
        long dropped;
        synchronized (this) {
            if (leftReason != null) {
                return false;
            }
            leftReason = reason;
            leftAs = before;
            admitted = reading;
            refused = sendsRefused;
            dropped = ts.droppedFrames();
            queue.clear();
            queuedBytes = 0;
        }
        LOG.log(Level.FINE, "SRT reader {0} of {1} leaves: {2} ({3} sends refused by libsrt, {4} frames dropped)",
                new Object[]{info.remoteAddress(), info.streamName(), reason, refused, dropped});
        if (admitted != null) {
            admitted.close(reason);
        }
        return true;
    }

    private void closeConnection(String reason) {
        SrtConnection established;
        synchronized (this) {
            established = connection;
        }
        if (established != null) {
            established.close(reason);
        }
    }

    private synchronized String leftReasonNow() {
        return leftReason;
    }

    /** After the catch-up overflowed the queue before the connection: media waits for the next keyframe. */
    private boolean skipping(MediaFrame frame) {
        if (!awaitingKeyframe || frame.config()
                || (frame.kind() != MediaFrame.Kind.VIDEO && frame.kind() != MediaFrame.Kind.AUDIO)) {
            return false;
        }
        if (frame.keyframe() || (frame.kind() == MediaFrame.Kind.AUDIO && !ts.hasVideo())) {
            awaitingKeyframe = false;
            return false;
        }
        return true;
    }

    /** Nothing was sent yet: the queue is emptied (the muxer's last unit too) and the reader starts at a keyframe. */
    private void startOver() {
        ts.flush();
        queue.clear();
        queuedBytes = 0;
        awaitingKeyframe = true;
        LOG.log(Level.FINE, "SRT reader {0} of {1}: the catch-up exceeded {2} bytes, starting at the next keyframe",
                new Object[]{info.remoteAddress(), info.streamName(), MAX_QUEUED_BYTES});
    }

    /** The muxer's sink: straight to libsrt when nothing waits before it, else queued in order. Caller holds the lock. */
    private void unit(byte[] buffer, int offset, int length) {
        if (connection != null && queue.isEmpty()) {
            if (offset == 0 && connection.send(buffer, length)) {
                bytesSent += length;
                return;
            }
            sendsRefused++;
        }
        queue.add(Arrays.copyOfRange(buffer, offset, offset + length));
        queuedBytes += length;
    }

    /** Sends what is queued while libsrt takes it. Caller holds the lock. */
    private void drain() {
        if (connection == null) {
            return;
        }
        for (byte[] unit; (unit = queue.peek()) != null; ) {
            if (!connection.send(unit, unit.length)) {
                sendsRefused++;
                return;
            }
            queue.poll();
            queuedBytes -= unit.length;
            bytesSent += unit.length;
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

}
