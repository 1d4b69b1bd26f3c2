package dev.inlet.srt;

import dev.inlet.text.LogText;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One accepted SRT connection in live mode: messages of up to {@value LibSrt#SRT_LIVE_MAX_PLSIZE} bytes
 * (MPEG-TS callers send 1316, seven TS packets) in both directions.
 *
 * <p>Its {@link Listener} is called on the {@link SrtListener}'s one thread only, never concurrently, and never again
 * after {@link Listener#onClosed}. {@link #send}, {@link #stats} and {@link #close} may be called from any thread.
 */
public final class SrtConnection {

    private static final Logger LOG = Logger.getLogger(SrtConnection.class.getName());

    /** Receives a connection's messages. Runs on the listener's thread: it must not block. */
    public interface Listener {

        /**
         * One received message. {@code message} is reused for the next one: copy what must outlive the call.
         * An exception closes the connection.
         */
        void onData(byte[] message, int length);

        /** The connection ended: closed by the peer, broken, closed by Inlet, or the listener stopped. */
        void onClosed(String reason);
    }

    private final LibSrt srt;
    private final int socket;
    private final int epoll;
    private final InetSocketAddress peer;
    private final String streamId;
    private final Consumer<SrtConnection> closedLocally;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String closeReason;
    /** Touched by the listener thread only. */
    private Listener listener;
    private boolean notified;

    SrtConnection(LibSrt srt, int socket, int epoll, InetSocketAddress peer, String streamId,
                  Consumer<SrtConnection> closedLocally) {
        this.srt = srt;
        this.socket = socket;
        this.epoll = epoll;
        this.peer = peer;
        this.streamId = streamId;
        this.closedLocally = closedLocally;
    }

    /** libsrt's socket id, unique among open connections. */
    public int id() {
        return socket;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    /** The caller's raw stream id (peer text: escape it for logs). */
    public String streamId() {
        return streamId;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Queues one message without blocking.
     *
     * @return false when it was not queued: libsrt's send buffer is full (a slow reader) or the connection is closed
     * @throws IllegalArgumentException for a message larger than a live-mode payload
     */
    public boolean send(byte[] message, int length) {
        if (length < 1 || length > LibSrt.SRT_LIVE_MAX_PLSIZE || length > message.length) {
            throw new IllegalArgumentException("an SRT live message has 1 to " + LibSrt.SRT_LIVE_MAX_PLSIZE
                    + " bytes, not " + length);
        }
        return !closed.get() && srt.srt_sendmsg(socket, message, length, -1, 0) == length;
    }

    public boolean send(byte[] message) {
        return send(message, message.length);
    }

    /** libsrt's current statistics of this connection. */
    public SrtStats stats() throws SrtException {
        if (closed.get()) {
            throw new SrtException("connection " + socket + " is closed");
        }
        return SrtStats.read(srt, socket);
    }

    /** The AES key length this connection encrypts with (16, 24 or 32 bytes), 0 when it is not encrypted. */
    public int keyLengthBytes() throws SrtException {
        SocketOptions options = new SocketOptions(srt, socket);
        return options.getInt(LibSrt.SRTO_KMSTATE, "SRTO_KMSTATE") == LibSrt.SRT_KM_S_SECURED
                ? options.getInt(LibSrt.SRTO_PBKEYLEN, "SRTO_PBKEYLEN") : 0;
    }

    /** The latency agreed in the handshake for what this side receives and for what the peer receives. */
    public int agreedLatencyMillis() throws SrtException {
        return agreedLatencyMillis(srt, socket);
    }

    static int agreedLatencyMillis(LibSrt srt, int socket) throws SrtException {
        SocketOptions options = new SocketOptions(srt, socket);
        return Math.max(options.getInt(LibSrt.SRTO_RCVLATENCY, "SRTO_RCVLATENCY"),
                options.getInt(LibSrt.SRTO_PEERLATENCY, "SRTO_PEERLATENCY"));
    }

    /** libsrt's ceiling on what this connection sends, bytes per second (-1 = libsrt's default). */
    public long maxBandwidthBytesPerSecond() throws SrtException {
        return new SocketOptions(srt, socket).getLong(LibSrt.SRTO_MAXBW, "SRTO_MAXBW");
    }

    /** Closes the connection; its listener hears {@code onClosed("closed by Inlet")} on the listener's thread. */
    public void close() {
        close("closed by Inlet");
    }

    public void close(String reason) {
        if (release(reason)) {
            closedLocally.accept(this);
        }
    }

    @Override
    public String toString() {
        return "SRT connection " + socket + " from " + peer + " (" + LogText.of(streamId) + ")";
    }

    // --- the listener thread's side ---

    void attach(Listener connectionListener) {
        this.listener = connectionListener;
    }

    /**
     * Delivers up to {@code maxMessages} waiting messages; fewer when none is left. Ends the connection when libsrt
     * reports it broken or the listener throws.
     */
    void drain(byte[] buffer, int maxMessages) {
        for (int i = 0; i < maxMessages && !closed.get(); i++) {
            int length = srt.srt_recvmsg(socket, buffer, buffer.length);
            if (length > 0) {
                try {
                    listener.onData(buffer, length);
                } catch (RuntimeException e) {
                    end("consumer failed: " + e);
                    return;
                }
            } else if (length == LibSrt.SRT_ERROR) {
                if (srt.srt_getlasterror(null) != LibSrt.SRT_EASYNCRCV) {
                    end(srt.srt_getlasterror_str());
                }
                return;
            } else {
                return;
            }
        }
    }

    /** Ends the connection from the listener's thread (peer gone, error, listener stopping). */
    void end(String reason) {
        release(reason);
        notifyClosed();
    }

    /** Tells the listener, once, why the connection ended. */
    void notifyClosed() {
        if (notified || !closed.get()) {
            return;
        }
        notified = true;
        if (listener != null) {
            try {
                listener.onClosed(closeReason);
            } catch (RuntimeException e) {
                // The connection is gone either way; a failing consumer must not stop the listener thread.
                LOG.log(Level.WARNING, "listener of " + this + " failed on close", e);
            }
        }
    }

    private boolean release(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closeReason = reason;
        // libsrt's epoll calls are thread-safe; leaving the epoll first means no event names a closed socket.
        srt.srt_epoll_remove_usock(epoll, socket);
        srt.srt_close(socket);
        return true;
    }
}
