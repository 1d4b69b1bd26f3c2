package dev.inlet.rtmp.transport;

import org.glassfish.grizzly.memory.HeapBuffer;
import org.glassfish.grizzly.memory.HeapMemoryManager;

/**
 * The plain RTMP listener's memory manager: a read lands in one reused array per thread instead of a new one.
 *
 * <p>Why: Grizzly reads a socket into the thread's direct buffer and then asks the memory manager for a heap buffer
 * of exactly the bytes read ({@code allocate(n)}). {@link HeapMemoryManager} serves that from a thread-local pool
 * only on Grizzly's own worker threads; ours come from the container's thread factory, so every read allocated (and
 * zeroed) a new array — the largest cost in the ingest profile, with a peak RSS growing by megabytes per publisher.
 * And as a separate instance, no monitoring probe registered on the server's shared default manager runs per read.
 *
 * <p>Safe because nothing in the plain chain keeps a read buffer after its read: the chunk codec copies an
 * incomplete chunk into its own carry ({@link CarryingChunkReader}), the handshake copies what it keeps, and no other
 * filter of the plain chain allocates. Not for TLS: the SSL filter allocates its own buffers on the same thread and
 * keeps them.
 */
final class ReadBufferMemoryManager extends HeapMemoryManager {

    /** Reads up to this size reuse the thread's array; a larger read (up to the socket's receive buffer) gets its own. */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    private final ThreadLocal<byte[]> readBuffers = ThreadLocal.withInitial(() -> new byte[READ_BUFFER_BYTES]);

    @Override
    public HeapBuffer allocate(int size) {
        if (size > READ_BUFFER_BYTES) {
            return super.allocate(size);
        }
        return wrap(readBuffers.get(), 0, size);
    }
}
