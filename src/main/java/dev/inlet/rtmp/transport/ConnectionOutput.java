package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ChunkEncoder;
import dev.inlet.rtmp.chunk.ProtocolControl;
import dev.inlet.rtmp.chunk.SharedEncoding;
import dev.inlet.rtmp.session.SessionOutput;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.CompositeBuffer;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.NIOConnection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a session's messages down the filter chain. Writes are asynchronous and bounded by the
 * connection's write-queue limit; one that fails (peer gone, queue full) is logged with its
 * reason, counted, and aborts the connection — it is never swallowed. Every close goes through the
 * {@link ConnectionCloser}: aborted (queue dropped at once) unless the peer is meant to receive what was
 * queued first ({@link #closeAfterFlush}, bounded in time).
 *
 * <p>With a {@link FlushScheduler}, shared (media) messages are not written at once: their chunks collect here
 * and a flusher thread writes them all with one gathering write (see {@link WriteMerging}). Any other message
 * first writes what is pending, so the order on the wire is always the order of the calls.
 */
final class ConnectionOutput implements SessionOutput, FlushScheduler.Pending {

    private static final Logger LOG = Logger.getLogger(ConnectionOutput.class.getName());
    /** Merged media this large is written at once: merging saves calls, and this many bytes already fill one. */
    static final int WRITE_AT_ONCE_BYTES = 64 * 1024;

    private final Connection<?> connection;
    private final ConnectionFailures failures;
    private final ConnectionCloser closer;
    private final String remoteAddress;
    private final CompletionHandler<WriteResult> onWriteDone;
    private final long maxQueuedBytes;
    private final FlushScheduler flushes;
    /** Media chunks waiting for the next flush, and their size; guarded by this. */
    private final List<ByteBuffer> merged = new ArrayList<>();
    private volatile long mergedBytes;
    private boolean flushRequested;
    private volatile boolean closing;
    /** Written under the lock below; read by the idle check from the timer thread. */
    private volatile long bytesSent;
    /**
     * The one owner of this connection's outgoing chunking: control and command messages are encoded here and
     * shared media with its chunk size, both under the lock below, so a Set Chunk Size applies to exactly what
     * follows it.
     */
    private final ChunkEncoder encoder = new ChunkEncoder();

    ConnectionOutput(Connection<?> connection, ConnectionFailures failures, ConnectionCloser closer,
                     long maxQueuedBytes) {
        this(connection, failures, closer, maxQueuedBytes, null);
    }

    /** @param flushes merges media writes; null writes each message at once */
    ConnectionOutput(Connection<?> connection, ConnectionFailures failures, ConnectionCloser closer,
                     long maxQueuedBytes, FlushScheduler flushes) {
        this.connection = connection;
        this.flushes = flushes;
        this.failures = failures;
        this.closer = closer;
        this.maxQueuedBytes = maxQueuedBytes;
        this.remoteAddress = addressOf(connection.getPeerAddress());
        this.onWriteDone = new EmptyCompletionHandler<>() {
            @Override
            public void failed(Throwable error) {
                if (!closing && connection.isOpen()) {
                    closing = true;
                    failures.closed(remoteAddress, "write_failed", "write failed: " + error);
                    abort();
                }
            }
        };
    }

    @Override
    public void send(int chunkStreamId, RtmpMessage message) {
        write(message, chunkStreamId, null);
    }

    @Override
    public void sendShared(int chunkStreamId, RtmpMessage message, SharedEncoding shared) {
        write(message, chunkStreamId, shared);
    }

    private void write(RtmpMessage message, int chunkStreamId, SharedEncoding shared) {
        if (closing) {
            return;
        }
        if (pendingBytes() > maxQueuedBytes) {
            // Grizzly queues without limit; this bound is what keeps a peer that stopped reading from
            // holding unbounded memory (and the publisher's fan-out never waits for it).
            closing = true;
            failures.closed(remoteAddress, "slow_peer",
                    "more than " + maxQueuedBytes + " bytes queued, the peer is not reading fast enough");
            abort();
            return;
        }
        // One writer at a time: the chunk encoder's state and the byte order on the wire depend on it.
        synchronized (this) {
            if (shared == null) {
                writeMerged();
                bytesSent += message.payload().length;
                writeToChain(new EncodedChunks(ByteBuffer.wrap(encoder.encode(chunkStreamId, message))));
            } else {
                ByteBuffer chunks = shared.encode(chunkStreamId, message, encoder.chunkSize());
                bytesSent += chunks.remaining();
                if (flushes == null) {
                    writeToChain(new EncodedChunks(chunks));
                } else {
                    merged.add(chunks);
                    mergedBytes += chunks.remaining();
                    if (mergedBytes >= WRITE_AT_ONCE_BYTES) {
                        // A burst (a keyframe, a publisher catching up) goes out now rather than piling up here.
                        writeMerged();
                    } else if (!flushRequested) {
                        flushRequested = true;
                        flushes.schedule(this, System.identityHashCode(this));
                    }
                }
            }
            if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
                // The announcement itself went out in the old size; everything after it goes in the new one.
                encoder.setChunkSize(ProtocolControl.readInt32(message));
            }
        }
    }

    /** Writes the merged media; called by a flusher thread. A write that fails here closes this connection only. */
    @Override
    public int flush() {
        synchronized (this) {
            flushRequested = false;
            int messages = merged.size();
            if (closing) {
                dropMerged();
                return 0;
            }
            try {
                writeMerged();
            } catch (RuntimeException e) {
                closing = true;
                failures.closed(remoteAddress, "write_failed", "write failed: " + e);
                abort();
            }
            return messages;
        }
    }

    /** Hands the merged chunks to the transport as one buffer (one gathering write); caller holds the lock. */
    private void writeMerged() {
        int count = merged.size();
        if (count == 0) {
            return;
        }
        MemoryManager<?> memory = connection.getMemoryManager();
        Buffer batch;
        if (count == 1) {
            batch = Buffers.wrap(memory, merged.get(0));
        } else {
            Buffer[] parts = new Buffer[count];
            for (int i = 0; i < count; i++) {
                parts[i] = Buffers.wrap(memory, merged.get(i));
            }
            CompositeBuffer composite = CompositeBuffer.newBuffer(memory, parts, false);
            // The parts are views of chunks every player shares: nothing here may release them.
            composite.allowInternalBuffersDispose(false);
            batch = composite;
        }
        merged.clear();
        mergedBytes = 0;
        writeToChain(batch);
    }

    private synchronized void dropMerged() {
        merged.clear();
        mergedBytes = 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // Grizzly's write signature ties the handler to the message type
    private void writeToChain(Object message) {
        ((Connection) connection).write(message, (CompletionHandler) onWriteDone);
    }

    @Override
    public void closeAfterFlush(String reason) {
        if (closing) {
            return; // already closing (aborted, or a flush under way with its own bound)
        }
        closing = true;
        LOG.log(Level.FINE, "closing {0} after flush: {1}", new Object[]{remoteAddress, reason});
        closer.closeAfterFlush(connection, remoteAddress);
    }

    @Override
    public void close(String reason) {
        closing = true;
        LOG.log(Level.INFO, "closing {0}: {1}", new Object[]{remoteAddress, reason});
        abort();
    }

    /** Drops what is merged here and what Grizzly and the kernel still hold, and closes the socket now. */
    private void abort() {
        dropMerged();
        closer.abort(connection);
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
        // A closed connection's queue has been dropped, but Grizzly does not give its space back.
        long queued = connection instanceof NIOConnection nio && connection.isOpen()
                ? nio.getAsyncWriteQueue().spaceInBytes() : 0;
        return queued + mergedBytes;
    }

    private static String addressOf(Object peer) {
        if (peer instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(peer);
    }
}
