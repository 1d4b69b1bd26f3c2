package dev.inlet.hls;

import dev.inlet.core.PlayInfo;
import dev.inlet.core.Player;
import dev.inlet.core.Reading;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One HLS client as the stream core lists it: HTTP has no connection to hold, so a viewer is a session named in its
 * playlist URIs, alive while it reloads its playlist. It is never fed frames (it reads the stream's one muxer
 * through HTTP); a kick or the end of the stream closes the session, and its next request is refused.
 */
final class HlsViewer implements Player {

    private final String sessionId;
    private final PlayInfo info;
    private final AtomicLong bytesServed = new AtomicLong();
    private volatile long lastSeenNanos;
    private volatile boolean open = true;
    private volatile Reading reading;

    HlsViewer(String sessionId, PlayInfo info, long nowNanos) {
        this.sessionId = sessionId;
        this.info = info;
        this.lastSeenNanos = nowNanos;
    }

    String sessionId() {
        return sessionId;
    }

    String stream() {
        return info.streamName();
    }

    void admitted(Reading admitted) {
        this.reading = admitted;
        if (!open) {
            admitted.close("left before it was admitted");
        }
    }

    void seen(long nowNanos, long bytes) {
        lastSeenNanos = nowNanos;
        bytesServed.addAndGet(bytes);
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void writeTag(int tagType, long timestampMs, byte[] body) {
        // never fed: the viewer reads the stream's shared HLS output
    }

    @Override
    public void end(String reason) {
        open = false;
        Reading admitted = reading;
        if (admitted != null) {
            admitted.close(reason);
        }
    }

    @Override
    public long bytesSent() {
        return bytesServed.get();
    }
}
