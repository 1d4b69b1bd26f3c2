package dev.inlet.ingest;

import dev.inlet.hub.MediaFrame;
import dev.inlet.hub.StreamHub;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.Timeline;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;

import dev.inlet.rtmp.session.ServerSession;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One encoder publishing one stream: turns its messages into hub frames, feeds the stream's
 * callbacks, and gives the slot back when it ends.
 */
final class PublishSession implements SessionTracker.Tracked {

    /** Told once when the publish ends; {@code clean} when the encoder unpublished rather than dropped. */
    @FunctionalInterface
    interface Ended {
        void ended(String reason, boolean clean);
    }

    private static final Logger LOG = Logger.getLogger(PublishSession.class.getName());

    private final Lease lease;
    private final StreamInputs stream;
    private final StreamHub hub;
    private final Supplier<StreamCallbacks> callbacks;
    private final Supplier<IngestListener> listener;
    private final ServerSession session;
    private final String app;
    private final String flashVer;
    private final Instant startedAt = Instant.now();
    private final Ended onClosed;
    private final Timeline timeline = new Timeline();
    private FlvToAvPacket packets;
    private volatile long bytesReceived;
    private volatile long messagesReceived;
    private boolean closed;

    PublishSession(Lease lease, StreamInputs stream, StreamHub hub, Supplier<StreamCallbacks> callbacks, Supplier<IngestListener> listener,
                   ServerSession session, String app, String flashVer, Ended onClosed) {
        this.lease = lease;
        this.stream = stream;
        this.hub = hub;
        this.callbacks = callbacks;
        this.listener = listener;
        this.session = session;
        this.app = app;
        this.flashVer = flashVer;
        this.onClosed = onClosed;
    }

    @Override
    public PublisherView view() {
        return new PublisherView(lease.sessionId(), lease.slot().streamCode(), lease.slot().priority(), lease.keyPrefix(),
                lease.remoteAddress(), app, flashVer, startedAt, bytesReceived, messagesReceived);
    }

    /** Set when the server itself ends the publish: its players are not kept waiting for a reconnect. */
    private volatile boolean endedByServer;

    @Override
    public void kick(String reason) {
        endedByServer = true;
        session.output().close(reason);
    }

    Lease lease() {
        return lease;
    }

    void started() {
        notify(StreamCallbacks::onConnect);
        PublisherView view = view();
        safely(() -> listener.get().publisherConnected(view));
    }

    /** An audio, video or data message from the encoder, on its read path. */
    void onMessage(RtmpMessage message) {
        byte[] body = message.payload();
        bytesReceived += body.length;
        messagesReceived++;
        StreamCallbacks observer = callbacks.get();
        IngestListener all = listener.get();
        String code = lease.slot().streamCode();
        // The per-packet calls, each guarded, without allocating a lambda: this runs for every message.
        if (observer != null) {
            try {
                observer.onPacket();
            } catch (RuntimeException e) {
                callbackFailed(e);
            }
            try {
                observer.onPacketBytes(body.length);
            } catch (RuntimeException e) {
                callbackFailed(e);
            }
        }
        try {
            all.packetReceived(code, message.typeId(), body.length);
        } catch (RuntimeException e) {
            callbackFailed(e);
        }
        if (body.length == 0) {
            return; // some encoders send empty audio/video messages as keep-alives
        }
        // One timeline per stream: wrap, jumps and non-monotonic DTS are settled before anyone sees the frame.
        long timestamp = timeline.map(message.timestamp());
        int priority = lease.slot().priority();
        boolean active = stream.isActive(priority);
        if (active && message.typeId() == MessageTypes.VIDEO) {
            hub.tracks().onVideo(body, timestamp);
        } else if (active && message.typeId() == MessageTypes.AUDIO) {
            hub.tracks().onAudio(body, timestamp);
        }
        MediaFrame frame = IngestFrames.toFrame(message.typeId(), body, timestamp);
        stream.onFrame(priority, frame);
        boolean observerWantsMedia = observer != null && observer.wantsMedia();
        // Media observers get the default track (the body single-track players get); other tracks are not decoded.
        if ((observerWantsMedia || all.wantsMedia()) && frame.kind() != MediaFrame.Kind.DATA
                && frame.kind() != MediaFrame.Kind.METADATA && frame.body() != null) {
            AVPacket packet = toPacket(frame);
            if (packet != null) {
                if (observerWantsMedia) {
                    safely(() -> observer.onMedia(packet));
                }
                if (all.wantsMedia()) {
                    safely(() -> all.mediaReceived(code, packet));
                }
            }
        }
    }

    /** Ends the publish: players are told, the slot is freed, observers hear why. Idempotent. */
    synchronized void close(String reason, Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        onClosed.ended(reason, endedByServer || (error == null && "unpublished".equals(reason)));
        StreamCallbacks observer = callbacks.get();
        if (observer != null) {
            safely(() -> observer.onDisconnect(error));
        }
        PublisherView view = view();
        safely(() -> listener.get().publisherDisconnected(view, reason, error));
        LOG.log(Level.INFO, "publish of {0} (key {1}…) from {2} ended after {3} messages, {4} bytes{5}",
                new Object[]{lease.slot().streamCode(), lease.keyPrefix(), lease.remoteAddress(), messagesReceived,
                        bytesReceived, error == null ? "" : ": " + error.getMessage()});
    }

    long bytesReceived() {
        return bytesReceived;
    }

    private AVPacket toPacket(MediaFrame frame) {
        if (packets == null) {
            packets = new FlvToAvPacket();
        }
        try {
            return frame.kind() == MediaFrame.Kind.VIDEO
                    ? packets.video(frame.body(), frame.timestamp())
                    : packets.audio(frame.body(), frame.timestamp());
        } catch (MediaFormatException e) {
            LOG.log(Level.FINE, "unparseable media from " + lease.remoteAddress(), e);
            return null;
        }
    }

    private void notify(java.util.function.Consumer<StreamCallbacks> call) {
        StreamCallbacks observer = callbacks.get();
        if (observer != null) {
            safely(() -> call.accept(observer));
        }
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            callbackFailed(e);
        }
    }

    private void callbackFailed(RuntimeException e) {
        LOG.log(Level.WARNING, "stream callback for " + lease.slot().streamCode() + " failed", e);
    }
}
