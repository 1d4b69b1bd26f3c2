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
 *
 * <p>The backlog is really bounded: nothing is written unless {@code isReady()} says the container takes it without
 * blocking, at most {@link #WRITE_SLICE_BYTES} at a time, so the container never holds more than its own threshold
 * plus one slice. The backlog counts what is queued here and the last slice while the container has not completed
 * it. Past {@code maxQueuedBytes} the player is dropped as a slow peer: counted, and its connection aborted, not
 * ended gracefully behind what it does not read. A kick aborts too, and so does the end of the stream while the
 * container still holds an uncompleted write (the hub ends a player that stayed behind too long this way).
 * Until the stream core has admitted it, what the feed sends is only queued: nothing reaches the socket (and the
 * status stays open for a refusal) before {@link #started}.
 */
final class HttpFlvPlayer implements Player, WriteListener {

    private static final Logger LOG = Logger.getLogger(HttpFlvPlayer.class.getName());
    /** The most handed to the container per write: a keyframe of a megabyte is not one write the container holds. */
    static final int WRITE_SLICE_BYTES = 64 * 1024;
    static final String SLOW_PEER = "slow_peer";

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final PlayInfo info;
    private final long maxQueuedBytes;
    private final Runnable abortConnection;
    private final Runnable countSlowPeer;
    private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
    /** How much of the first piece has been handed to the container already. */
    private int writtenOfFirst;
    /** Bytes queued here, not yet handed to the container. */
    private long queuedBytes;
    /** The last write, while the container has not completed it ({@code isReady()} said false after it). */
    private long handedNotCompleted;
    private boolean open = true;
    private boolean live;
    /** A thread is in {@link #writeWhileReady}: the only one that calls the output stream. */
    private boolean writing;
    /** Something to write or the container's "writable" arrived while another thread was writing. */
    private boolean lookAgain;
    private long bytesSent;
    private Reading reading;

    /**
     * @param abortConnection resets the client's connection at once, dropping what the container holds for it
     *                        (where the container allows; the response is completed after it in any case)
     * @param countSlowPeer   counts a player dropped for not reading
     */
    HttpFlvPlayer(AsyncContext async, ServletOutputStream out, PlayInfo info, long maxQueuedBytes,
                  Runnable abortConnection, Runnable countSlowPeer) {
        this.async = async;
        this.out = out;
        this.info = info;
        this.maxQueuedBytes = maxQueuedBytes;
        this.abortConnection = abortConnection;
        this.countSlowPeer = countSlowPeer;
        enqueue(FlvTags.fileHeader(true, true));
    }

    /** The core admitted this player: writing starts (the container calls {@link #onWritePossible}). */
    void started(Reading admitted) {
        synchronized (this) {
            if (open) {
                this.reading = admitted;
            }
        }
        if (reading == null) {
            admitted.close("left before playback started");
            return;
        }
        out.setWriteListener(this);
        synchronized (this) {
            live = true;
        }
        drain(); // a callback that came before live was set found nothing to do
    }

    /** The core refused this player: nothing of the stream is written, the servlet answers with a problem. */
    synchronized void refused() {
        open = false;
        dropQueue();
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
    public void writeTag(int tagType, long timestamp, byte[] body) throws IOException {
        boolean queued;
        synchronized (this) {
            if (!open) {
                throw new IOException("HTTP-FLV player " + info.remoteAddress() + " has left");
            }
            queued = backlogBytes() <= maxQueuedBytes;
            if (queued) {
                enqueue(FlvTags.tagHeader(tagType, timestamp, body.length));
                enqueue(body);
                enqueue(FlvTags.previousTagSize(body.length));
                bytesSent += body.length;
            }
        }
        if (queued) {
            drain();
            return;
        }
        if (leave("more than " + maxQueuedBytes + " bytes queued, the client is not reading (" + SLOW_PEER + ")")) {
            countSlowPeer.run();
            abortAndComplete();
        }
        throw new IOException("HTTP-FLV player " + info.remoteAddress() + " is too slow");
    }

    @Override
    public synchronized long bytesSent() {
        return bytesSent;
    }

    /** A kick: the player is dropped at once, whatever it has not read yet. */
    @Override
    public void disconnect(String reason) {
        if (leave(reason)) {
            abortAndComplete();
        }
    }

    @Override
    public synchronized long backlogBytes() {
        return queuedBytes + handedNotCompleted;
    }

    /**
     * The stream ended, or the hub gave up on this player: the response ends gracefully unless the container is still
     * holding a write the client has not taken — a graceful end would then wait for it as long as the client stays.
     */
    @Override
    public void end(String reason) {
        boolean stalled;
        synchronized (this) {
            stalled = handedNotCompleted > 0;
        }
        if (stalled) {
            disconnect(reason);
        } else {
            close(reason);
        }
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable error) {
        close("write failed: " + error);
    }

    /** The client went away or the stream ended. Idempotent. */
    void close(String reason) {
        if (leave(reason)) {
            completeQuietly();
        }
    }

    /** Closes this player and frees its slot in the core; true the first time. */
    private boolean leave(String reason) {
        Reading admitted;
        synchronized (this) {
            if (!open) {
                return false;
            }
            open = false;
            admitted = reading;
            dropQueue();
        }
        LOG.log(Level.FINE, "HTTP-FLV player {0} of {1} leaves: {2}",
                new Object[]{info.remoteAddress(), info.streamName(), reason});
        if (admitted != null) {
            admitted.close(reason);
        }
        return true;
    }

    private void abortAndComplete() {
        abortConnection.run();
        completeQuietly(); // after an abort only the container's bookkeeping is left to end
    }

    private void completeQuietly() {
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

    private void dropQueue() {
        pieces.clear();
        writtenOfFirst = 0;
        queuedBytes = 0;
        handedNotCompleted = 0;
    }

    /**
     * Writes slice by slice while the container takes them without blocking; when it does not, the last slice stays
     * counted until the container calls {@link #onWritePossible}. Called from the publisher's thread and from the
     * container's; one of them writes at a time (the other only tells the writer to look again).
     *
     * <p>No container call is made while this player's lock is held. The container calls back into the player
     * ({@link #onError}, the request's completion) while holding its own locks, so a publisher thread writing under
     * this lock and a container thread closing the player deadlocked the publisher (seen on Payara Server when the
     * HTTP-FLV client went away during an SRT publish: the SRT port and the undeploy hung).
     */
    private void drain() {
        synchronized (this) {
            if (writing) {
                lookAgain = true;
                return;
            }
            if (!live || !open) {
                return;
            }
            writing = true;
        }
        try {
            writeWhileReady();
        } catch (IOException | IllegalStateException e) {
            synchronized (this) {
                writing = false;
            }
            close("write failed: " + e.getMessage());
        }
    }

    /** The writer's loop; ends by giving up the writer's role, under the lock. */
    private void writeWhileReady() throws IOException {
        boolean unflushed = false;
        while (true) {
            byte[] first;
            int offset;
            int slice;
            synchronized (this) {
                lookAgain = false;
                if (!open || (pieces.isEmpty() && !unflushed)) {
                    writing = false;
                    return;
                }
                first = pieces.peek();
                offset = writtenOfFirst;
                slice = first == null ? 0 : Math.min(WRITE_SLICE_BYTES, first.length - offset);
            }
            if (!out.isReady()) {
                synchronized (this) {
                    if (lookAgain) {
                        continue; // the container said "writable" after this isReady() said no
                    }
                    writing = false;
                    return; // the container calls onWritePossible when it takes more
                }
            }
            synchronized (this) {
                handedNotCompleted = 0;
            }
            if (first == null) {
                out.flush();
                unflushed = false;
                continue;
            }
            out.write(first, offset, slice);
            unflushed = true;
            synchronized (this) {
                if (!open) {
                    writing = false;
                    return; // left meanwhile: its queue is gone
                }
                writtenOfFirst += slice;
                queuedBytes -= slice;
                handedNotCompleted = slice;
                if (writtenOfFirst == first.length) {
                    pieces.poll();
                    writtenOfFirst = 0;
                }
            }
        }
    }
}
