package dev.inlet.core;

import dev.inlet.hub.Subscription;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An admitted reader of a stream (an RTMP or HTTP-FLV player today; HLS muxers, recorders and relays later), as
 * the stream core tracks it: counted against the player limits, listed, kickable, evented. The adapter calls
 * {@link #close} once when the reader leaves, whatever the reason.
 */
public final class Reading implements SessionTracker.Tracked {

    private static final Logger LOG = Logger.getLogger(Reading.class.getName());

    private final ReadRequest request;
    private final Player player;
    private final StreamCore core;
    private final Instant startedAt = Instant.now();
    private volatile AutoCloseable feed;
    private volatile boolean admitted;
    private boolean closed;

    Reading(ReadRequest request, Player player, StreamCore core) {
        this.request = request;
        this.player = player;
        this.core = core;
    }

    public String id() {
        return request.sessionId();
    }

    public ReadRequest request() {
        return request;
    }

    void feed(AutoCloseable handle) {
        this.feed = handle;
        this.admitted = true;
    }

    /** Whether the core admitted it (observers heard it connect). */
    boolean admitted() {
        return admitted;
    }

    @Override
    public PlayerView view() {
        AutoCloseable handle = feed;
        long skipped = handle instanceof Subscription subscription ? subscription.framesSkipped() : 0;
        PlayInfo info = request.info();
        return new PlayerView(request.sessionId(), request.streamName(), info.remoteAddress(), info.app(),
                info.flashVer(), startedAt, player.bytesSent(), skipped, request.protocol(), player::transportStats);
    }

    @Override
    public void kick(String reason) {
        player.disconnect(reason);
    }

    /** The reader has left (or was ended): its feed stops, its slot is freed, observers hear why. Idempotent. */
    public void close(String reason) {
        AutoCloseable handle;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            handle = feed;
        }
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the feed of reader " + request.info().remoteAddress() + " failed", e);
            }
        }
        core.readerLeft(this, reason);
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
