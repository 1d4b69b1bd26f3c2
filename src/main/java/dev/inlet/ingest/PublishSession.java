package dev.inlet.ingest;

import dev.inlet.hub.MediaFrame;
import dev.inlet.hub.StreamHub;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.Timeline;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One encoder publishing one stream: turns its messages into hub frames, feeds the stream's
 * callbacks, and gives the slot back when it ends.
 */
final class PublishSession {

    private static final Logger LOG = Logger.getLogger(PublishSession.class.getName());

    private final Lease lease;
    private final StreamHub hub;
    private final Supplier<StreamCallbacks> callbacks;
    private final Runnable onClosed;
    private final Timeline timeline = new Timeline();
    private FlvToAvPacket packets;
    private long bytesReceived;
    private long messagesReceived;
    private boolean closed;

    PublishSession(Lease lease, StreamHub hub, Supplier<StreamCallbacks> callbacks, Runnable onClosed) {
        this.lease = lease;
        this.hub = hub;
        this.callbacks = callbacks;
        this.onClosed = onClosed;
    }

    Lease lease() {
        return lease;
    }

    void started() {
        notify(StreamCallbacks::onConnect);
    }

    /** An audio, video or data message from the encoder, on its read path. */
    void onMessage(RtmpMessage message) {
        byte[] body = message.payload();
        bytesReceived += body.length;
        messagesReceived++;
        StreamCallbacks observer = callbacks.get();
        if (observer != null) {
            safely(observer::onPacket);
            safely(() -> observer.onPacketBytes(body.length));
        }
        if (body.length == 0) {
            return; // some encoders send empty audio/video messages as keep-alives
        }
        // One timeline per stream: wrap, jumps and non-monotonic DTS are settled before anyone sees the frame.
        long timestamp = timeline.map(message.timestamp());
        if (message.typeId() == MessageTypes.VIDEO) {
            hub.tracks().onVideo(body, timestamp);
        } else if (message.typeId() == MessageTypes.AUDIO) {
            hub.tracks().onAudio(body, timestamp);
        }
        MediaFrame frame = IngestFrames.toFrame(message.typeId(), body, timestamp).orElse(null);
        if (frame == null) {
            return;
        }
        hub.publish(frame);
        if (observer != null && observer.wantsMedia() && frame.kind() != MediaFrame.Kind.DATA
                && frame.kind() != MediaFrame.Kind.METADATA) {
            AVPacket packet = toPacket(frame);
            if (packet != null) {
                safely(() -> observer.onMedia(packet));
            }
        }
    }

    /** Ends the publish: players are told, the slot is freed, observers hear why. Idempotent. */
    synchronized void close(Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        onClosed.run();
        StreamCallbacks observer = callbacks.get();
        if (observer != null) {
            safely(() -> observer.onDisconnect(error));
        }
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
            LOG.log(Level.WARNING, "stream callback for " + lease.slot().streamCode() + " failed", e);
        }
    }
}
