package dev.inlet.api.flv;

import dev.inlet.core.PlayInfo;
import dev.inlet.core.Player;
import dev.inlet.core.Reading;
import dev.inlet.media.FlvTags;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One HTTP-FLV client: FLV tags queued by the hub, written with non-blocking servlet I/O as the
 * socket accepts them. A tag's body is written as it is (the same array every player shares); only
 * the 11-byte header and the 4-byte trailer are per client. The queued bytes are the player's backlog,
 * so the hub's back-pressure (skip to the next keyframe, then disconnect) applies here as to RTMP.
 * Until the stream core has admitted it, what the feed sends is only queued: nothing reaches the socket (and the
 * status stays open for a refusal) before {@link #started}.
 */
final class HttpFlvPlayer implements Player, WriteListener {

    private static final Logger LOG = Logger.getLogger(HttpFlvPlayer.class.getName());

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final PlayInfo info;
    private final long maxQueuedBytes;
    private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
    private long queuedBytes;
    private boolean open = true;
    private boolean live;
    private long bytesSent;
    private Reading reading;

    HttpFlvPlayer(AsyncContext async, ServletOutputStream out, PlayInfo info, long maxQueuedBytes) {
        this.async = async;
        this.out = out;
        this.info = info;
        this.maxQueuedBytes = maxQueuedBytes;
        enqueue(FlvTags.fileHeader(true, true));
    }

    /** The core admitted this player: writing starts (the container calls {@link #onWritePossible}). */
    void started(Reading admitted) {
        synchronized (this) {
            if (open) {
                this.reading = admitted;
                this.live = true;
            }
        }
        if (reading == null) {
            admitted.close("left before playback started");
            return;
        }
        out.setWriteListener(this);
    }

    /** The core refused this player: nothing of the stream is written, the servlet answers with a problem. */
    synchronized void refused() {
        open = false;
        pieces.clear();
        queuedBytes = 0;
    }

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void writeTag(int tagType, long timestamp, byte[] body) throws IOException {
        if (!open) {
            throw new IOException("HTTP-FLV player " + info.remoteAddress() + " has left");
        }
        if (queuedBytes > maxQueuedBytes) {
            close("more than " + maxQueuedBytes + " bytes queued, the client is not reading");
            throw new IOException("HTTP-FLV player " + info.remoteAddress() + " is too slow");
        }
        enqueue(FlvTags.tagHeader(tagType, timestamp, body.length));
        enqueue(body);
        enqueue(FlvTags.previousTagSize(body.length));
        bytesSent += body.length;
        drain();
    }

    @Override
    public synchronized long bytesSent() {
        return bytesSent;
    }

    @Override
    public void disconnect(String reason) {
        close(reason);
    }

    @Override
    public synchronized long backlogBytes() {
        return queuedBytes;
    }

    @Override
    public void end(String reason) {
        close(reason);
    }

    @Override
    public synchronized void onWritePossible() {
        if (!live) {
            return;
        }
        drain();
    }

    @Override
    public void onError(Throwable error) {
        close("write failed: " + error);
    }

    /** The client went away or the stream ended. Idempotent. */
    void close(String reason) {
        Reading admitted;
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            admitted = reading;
            pieces.clear();
            queuedBytes = 0;
        }
        LOG.log(Level.FINE, "HTTP-FLV player {0} of {1} leaves: {2}",
                new Object[]{info.remoteAddress(), info.streamName(), reason});
        if (admitted != null) {
            admitted.close(reason);
        }
        try {
            async.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // the container finished the request first (client gone)
        }
    }

    private void enqueue(byte[] piece) {
        pieces.add(piece);
        queuedBytes += piece.length;
    }

    /** Writes while the socket accepts without blocking; the container calls back when it can take more. */
    private void drain() {
        if (!live) {
            return;
        }
        try {
            while (open && !pieces.isEmpty() && out.isReady()) {
                byte[] piece = pieces.poll();
                queuedBytes -= piece.length;
                out.write(piece);
            }
            if (open && pieces.isEmpty() && out.isReady()) {
                out.flush();
            }
        } catch (IOException | IllegalStateException e) {
            close("write failed: " + e.getMessage());
        }
    }
}
