package dev.inlet.rtmp.amf;

/**
 * Bounds applied while decoding AMF from the network, so that a hostile peer can cost a
 * connection only a bounded amount of memory and CPU.
 *
 * @param maxDepth          how many containers (objects, arrays, vectors…) may be nested inside
 *                          each other; at most {@value #DEPTH_CEILING} so decoding cannot exhaust
 *                          the thread's stack
 * @param maxCollectionSize the largest number of entries any one object, array, vector or
 *                          dictionary may hold
 * @param maxStringBytes    the largest UTF-8 string, XML document or byte array, in bytes
 */
public record AmfLimits(int maxDepth, int maxCollectionSize, int maxStringBytes) {

    /** Recursion stays far below any realistic thread stack size at this depth. */
    public static final int DEPTH_CEILING = 256;

    /**
     * References let a small message describe a huge tree (each level pointing twice at the one
     * below). One decoded value may therefore expand to at most this many times
     * {@link #maxCollectionSize} values, counting every reference as a full copy.
     */
    static final int EXPANSION_FACTOR = 16;

    public AmfLimits {
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be within 1.." + DEPTH_CEILING + ": " + maxDepth);
        }
        if (maxCollectionSize < 1) {
            throw new IllegalArgumentException("maxCollectionSize must be positive: " + maxCollectionSize);
        }
        if (maxStringBytes < 1) {
            throw new IllegalArgumentException("maxStringBytes must be positive: " + maxStringBytes);
        }
    }

    /** 32 levels, 65 536 entries per collection, 1 MiB per string. */
    public static AmfLimits defaults() {
        return new AmfLimits(32, 65_536, 1 << 20);
    }

    /** The most values one top-level value may expand to, references counted in full. */
    long maxExpandedValues() {
        return (long) maxCollectionSize * EXPANSION_FACTOR;
    }
}
