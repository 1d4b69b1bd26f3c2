package dev.inlet.rtmp.session;

import dev.inlet.rtmp.RtmpMessage;

/**
 * Where a session's outgoing messages go. Implementations are thread-safe: the session's own read
 * path and a publisher's fan-out may send concurrently; messages leave in the order of the calls.
 * Sending never blocks: writes are queued, and a peer whose queue exceeds its bound is closed.
 */
public interface SessionOutput {

    /** Queues one message on a chunk stream. A Set Chunk Size message also switches the outgoing chunk size. */
    void send(int chunkStreamId, RtmpMessage message);

    /**
     * Queues a message whose chunked bytes may be shared with other connections: they are taken from
     * (or computed once into) {@code shared} for this connection's current chunk size.
     */
    void sendShared(int chunkStreamId, RtmpMessage message, dev.inlet.rtmp.chunk.SharedEncoding shared);

    /** Closes once everything queued so far has been written (used after a reject status). */
    void closeAfterFlush(String reason);

    /** Closes at once, dropping what is queued. */
    void close(String reason);

    /** "ip:port" of the peer. */
    String remoteAddress();

    /** Bytes queued but not yet written to the socket (for back-pressure decisions). */
    long pendingBytes();

    /**
     * Bytes of messages queued for this peer since the connection opened (written or still pending); with
     * {@link #pendingBytes} it tells how much has been handed to the socket. 0 when not tracked.
     */
    default long bytesSent() {
        return 0;
    }
}
