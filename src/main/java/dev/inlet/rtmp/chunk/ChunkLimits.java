package dev.inlet.rtmp.chunk;

/**
 * Bounds on what a peer may make one {@link ChunkDecoder} hold: they cap the memory a single connection can claim.
 *
 * @param maxMessageSize  the largest message length accepted (the wire field is 24 bits, so at most 0xFFFFFF counts)
 * @param maxChunkSize    the largest chunk size a peer may announce with Set Chunk Size
 * @param maxChunkStreams how many distinct chunk stream ids a peer may use over the connection's life
 */
public record ChunkLimits(int maxMessageSize, int maxChunkSize, int maxChunkStreams) {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

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
    }

    /** 16 MiB messages, 16 MiB chunk size accepted from the peer, 64 chunk streams. */
    public static ChunkLimits defaults() {
        return new ChunkLimits(SIXTEEN_MIB, SIXTEEN_MIB, 64);
    }
}
