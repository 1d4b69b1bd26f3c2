package dev.inlet.ingest;

import java.util.Optional;

/**
 * Maps secret stream keys to stream slots and enforces one active publisher per slot.
 * Implementations never keep or log a plaintext key.
 */
public interface Registry {

    /** The slot {@code key} publishes to, without claiming it (pre-flight checks). */
    Optional<StreamSlot> lookup(String key);

    /**
     * Atomically checks that {@code key} is registered and its slot free, and claims the slot.
     *
     * @throws UnknownStreamKeyException    no enabled stream has this key
     * @throws StreamAlreadyActiveException another publisher holds the slot
     */
    Lease acquire(String key, String sessionId, String remoteAddress)
            throws UnknownStreamKeyException, StreamAlreadyActiveException;

    /** Frees the slot so the next encoder can acquire it. Safe to call more than once. */
    void release(Lease lease);
}
