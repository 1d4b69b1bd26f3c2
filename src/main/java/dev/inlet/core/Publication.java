package dev.inlet.core;

import dev.inlet.text.LogText;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An admitted publisher, as the stream core tracks it: its frames go to the stream's inputs (and from the active
 * one to the hub), to the stream's callbacks and to the ingest listener; it is listed and can be kicked; it gives
 * its lease back when it ends. The protocol adapter turns its bytes into frames and calls {@link #onFrame}; it
 * calls {@link #end} once when the connection ends.
 */
public final class Publication implements SessionTracker.Tracked {

    private static final Logger LOG = Logger.getLogger(Publication.class.getName());

    /** Told once when the publish ends; {@code clean} when the encoder unpublished rather than dropped. */
    @FunctionalInterface
    interface Ended {
        void ended(Publication publication, String reason, boolean clean);
    }

    private final PublishRequest request;
    private final Lease lease;
    private final StreamInputs stream;
    private final Supplier<StreamCallbacks> callbacks;
    private final Supplier<IngestListener> listener;
    private final PublisherConnection connection;
    private final Ended onEnded;
    private final Instant startedAt = Instant.now();
    private volatile long bytesReceived;
    private volatile long messagesReceived;
    /** Set when the server itself ends the publish: its players are not kept waiting for a reconnect. */
    private volatile boolean endedByServer;
    private boolean ended;

    Publication(PublishRequest request, Lease lease, StreamInputs stream, Supplier<StreamCallbacks> callbacks,
                Supplier<IngestListener> listener, PublisherConnection connection, Ended onEnded) {
        this.request = request;
        this.lease = lease;
        this.stream = stream;
        this.callbacks = callbacks;
        this.listener = listener;
        this.connection = connection;
        this.onEnded = onEnded;
    }

    public Lease lease() {
        return lease;
    }

    public String streamCode() {
        return lease.slot().streamCode();
    }

    public int priority() {
        return lease.slot().priority();
    }

    @Override
    public PublisherView view() {
        return new PublisherView(lease.sessionId(), streamCode(), priority(), lease.keyPrefix(), lease.remoteAddress(),
                request.app(), request.client(), startedAt, bytesReceived, messagesReceived, request.protocol(),
                connection::transportStats);
    }

    @Override
    public void kick(String reason) {
        endedByServer = true;
        connection.disconnect(reason);
    }

    /** The publish is confirmed to the encoder: observers hear of it. */
    void started() {
        StreamCallbacks observer = callbacks.get();
        if (observer != null) {
            safely(observer::onConnect);
        }
        PublisherView view = view();
        safely(() -> listener.get().publisherConnected(view));
    }

    /**
     * One message of the publisher, already a frame on the publish's own timeline, on the publisher's read path.
     * {@code messageType} and {@code bytes} are what observers of raw packets hear ({@code 0} bytes: a keep-alive
     * that carries no frame, {@code frame} then null).
     */
    public void onFrame(int messageType, int bytes, MediaFrame frame) {
        bytesReceived += bytes;
        messagesReceived++;
        StreamCallbacks observer = callbacks.get();
        IngestListener all = listener.get();
        // The per-packet calls, each guarded, without allocating a lambda: this runs for every message.
        if (observer != null) {
            try {
                observer.onPacket();
            } catch (RuntimeException e) {
                callbackFailed(e);
            }
            try {
                observer.onPacketBytes(bytes);
            } catch (RuntimeException e) {
                callbackFailed(e);
            }
        }
        try {
            all.packetReceived(streamCode(), messageType, bytes);
        } catch (RuntimeException e) {
            callbackFailed(e);
        }
        if (frame == null) {
            return;
        }
        stream.onFrame(StreamInputs.localSlot(priority()), frame);
    }

    /** Whether anyone wants decoded packets of this stream ({@link #onPacket} is then worth building them for). */
    public boolean wantsMedia() {
        StreamCallbacks observer = callbacks.get();
        return (observer != null && observer.wantsMedia()) || listener.get().wantsMedia();
    }

    /** A decoded packet of the default track for media observers. */
    public void onPacket(AVPacket packet) {
        StreamCallbacks observer = callbacks.get();
        if (observer != null && observer.wantsMedia()) {
            safely(() -> observer.onMedia(packet));
        }
        IngestListener all = listener.get();
        if (all.wantsMedia()) {
            safely(() -> all.mediaReceived(streamCode(), packet));
        }
    }

    /** Whether this input feeds the players now (it is the stream's active input). */
    public boolean isActive() {
        return stream.isActive(StreamInputs.localSlot(priority()));
    }

    /**
     * Ends the publish: readers are told (at once after a clean unpublish, after the reconnect grace otherwise),
     * the lease is given back, observers hear why. Idempotent.
     *
     * @param error null for a clean unpublish or a close without a fault
     */
    public void end(String reason, Throwable error) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        onEnded.ended(this, reason, endedByServer || (error == null && "unpublished".equals(reason)));
        StreamCallbacks observer = callbacks.get();
        if (observer != null) {
            safely(() -> observer.onDisconnect(error));
        }
        PublisherView view = view();
        safely(() -> listener.get().publisherDisconnected(view, reason, error));
        LOG.log(Level.INFO, "publish of {0} (key {1}…) from {2} over {3} ended after {4} messages, {5} bytes{6}",
                new Object[]{streamCode(), lease.keyPrefix(), lease.remoteAddress(), request.protocol(),
                        messagesReceived, bytesReceived, error == null ? "" : ": " + LogText.of(error.getMessage())});
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            callbackFailed(e);
        }
    }

    private void callbackFailed(RuntimeException e) {
        LOG.log(Level.WARNING, "stream callback for " + streamCode() + " failed", e);
    }
}
