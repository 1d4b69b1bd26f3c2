package dev.inlet.rtmp.chunk;

/**
 * Bounds on what a peer may make one {@link ChunkDecoder} hold, and all of them together: they cap the memory
 * connections can claim before they have published or played anything.
 *
 * @param maxMessageSize          the largest message length accepted (the wire field is 24 bits, so at most
 *                                0xFFFFFF counts)
 * @param maxChunkSize            the largest chunk size a peer may announce with Set Chunk Size
 * @param maxChunkStreams         how many distinct chunk stream ids a peer may use over the connection's life
 * @param maxPartialBytesPerConnection bytes one connection may hold in messages and chunks still arriving
 * @param maxPartialBytes         bytes every connection together may hold so; 0 means a quarter of the heap
 */
public record ChunkLimits(int maxMessageSize, int maxChunkSize, int maxChunkStreams,
                          long maxPartialBytesPerConnection, long maxPartialBytes) {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;
    /** Two largest messages: a keyframe and whatever interleaves with it, with room for the chunk being read. */
    private static final long DEFAULT_PER_CONNECTION = 2L * SIXTEEN_MIB;

    public ChunkLimits {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must not be negative: " + maxMessageSize);
        }
        if (maxChunkSize < 1) {
            throw new IllegalArgumentException("maxChunkSize must be at least 1: " + maxChunkSize);
        }
        if (maxChunkStreams < 1) {
            throw new IllegalArgumentException("maxChunkStreams must be at least 1: " + maxChunkStreams);
        }
        if (maxPartialBytesPerConnection < 1) {
            throw new IllegalArgumentException("maxPartialBytesPerConnection must be at least 1: "
                    + maxPartialBytesPerConnection);
        }
        if (maxPartialBytes < 0) {
            throw new IllegalArgumentException("maxPartialBytes must not be negative: " + maxPartialBytes);
        }
    }

    /** These limits with the default memory budget. */
    public ChunkLimits(int maxMessageSize, int maxChunkSize, int maxChunkStreams) {
        this(maxMessageSize, maxChunkSize, maxChunkStreams, DEFAULT_PER_CONNECTION, 0);
    }

    /** 16 MiB messages, 16 MiB chunk size accepted from the peer, 64 chunk streams, 32 MiB held per connection. */
    public static ChunkLimits defaults() {
        return new ChunkLimits(SIXTEEN_MIB, SIXTEEN_MIB, 64);
    }

    /** The same limits with another memory budget. */
    public ChunkLimits withPartialBytes(long perConnection, long total) {
        return new ChunkLimits(maxMessageSize, maxChunkSize, maxChunkStreams, perConnection, total);
    }

    /** The server-wide budget these limits describe; each server (its RTMP and RTMPS listeners) shares one. */
    public ReassemblyBudget newBudget() {
        long total = maxPartialBytes > 0 ? maxPartialBytes : Runtime.getRuntime().maxMemory() / 4;
        return new ReassemblyBudget(total, maxPartialBytesPerConnection);
    }
}
