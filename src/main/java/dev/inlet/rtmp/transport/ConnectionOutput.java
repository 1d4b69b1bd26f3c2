package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ProtocolControl;
import dev.inlet.rtmp.chunk.SharedEncoding;
import dev.inlet.rtmp.session.SessionOutput;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.nio.NIOConnection;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a session's messages down the filter chain. Writes are asynchronous and bounded by the
 * connection's write-queue limit; one that fails (peer gone, queue full) is logged with its
 * reason, counted, and closes the connection — it is never swallowed.
 */
final class ConnectionOutput implements SessionOutput {

    private static final Logger LOG = Logger.getLogger(ConnectionOutput.class.getName());

    private final Connection<?> connection;
    private final ConnectionFailures failures;
    private final String remoteAddress;
    private final CompletionHandler<WriteResult> onWriteDone;
    private final long maxQueuedBytes;
    private volatile boolean closing;
    /** Written under the lock below; read by the idle check from the timer thread. */
    private volatile long bytesSent;
    /** The outgoing chunk size in force; mirrors the codec filter's encoder, changed only under the lock. */
    private int chunkSize = 128;

    ConnectionOutput(Connection<?> connection, ConnectionFailures failures, long maxQueuedBytes) {
        this.connection = connection;
        this.failures = failures;
        this.maxQueuedBytes = maxQueuedBytes;
        this.remoteAddress = addressOf(connection.getPeerAddress());
        this.onWriteDone = new EmptyCompletionHandler<>() {
            @Override
            public void failed(Throwable error) {
                if (!closing && connection.isOpen()) {
                    closing = true;
                    LOG.log(Level.INFO, "closing {0}: write failed ({1})", new Object[]{remoteAddress, error.toString()});
                    failures.count("write_failed");
                    connection.closeSilently();
                }
            }
        };
    }

    @Override
    public void send(int chunkStreamId, RtmpMessage message) {
        write(new OutboundMessage(chunkStreamId, message), message);
    }

    @Override
    public void sendShared(int chunkStreamId, RtmpMessage message, SharedEncoding shared) {
        write(null, message, chunkStreamId, shared);
    }

    private void write(Object outbound, RtmpMessage message) {
        write(outbound, message, 0, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // Grizzly's write signature ties the handler to the message type
    private void write(Object outbound, RtmpMessage message, int chunkStreamId, SharedEncoding shared) {
        if (closing) {
            return;
        }
        if (pendingBytes() > maxQueuedBytes) {
            // Grizzly queues without limit; this bound is what keeps a peer that stopped reading from
            // holding unbounded memory (and the publisher's fan-out never waits for it).
            closing = true;
            LOG.log(Level.INFO, "closing {0}: more than {1} bytes queued, the peer is not reading fast enough",
                    new Object[]{remoteAddress, maxQueuedBytes});
            failures.count("slow_peer");
            connection.closeSilently();
            return;
        }
        // One writer at a time: the chunk encoder's state and the byte order on the wire depend on it.
        synchronized (this) {
            Object toWrite;
            if (shared == null) {
                toWrite = outbound;
                bytesSent += message.payload().length;
            } else {
                java.nio.ByteBuffer chunks = shared.encode(chunkStreamId, message, chunkSize);
                bytesSent += chunks.remaining();
                toWrite = new EncodedChunks(chunks);
            }
            ((Connection) connection).write(toWrite, (CompletionHandler) onWriteDone);
            if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
                chunkSize = ProtocolControl.readInt32(message);
            }
        }
    }

    @Override
    public void closeAfterFlush(String reason) {
        closing = true;
        LOG.log(Level.FINE, "closing {0} after flush: {1}", new Object[]{remoteAddress, reason});
        connection.close();
    }

    @Override
    public void close(String reason) {
        closing = true;
        LOG.log(Level.INFO, "closing {0}: {1}", new Object[]{remoteAddress, reason});
        connection.closeSilently();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long pendingBytes() {
        return connection instanceof NIOConnection nio ? nio.getAsyncWriteQueue().spaceInBytes() : 0;
    }

    private static String addressOf(Object peer) {
        if (peer instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(peer);
    }
}
