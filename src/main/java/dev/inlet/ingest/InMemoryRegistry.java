package dev.inlet.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry held in memory: keys by hash, active slots in a concurrent set. Used for the demo
 * key, by tests, and where no database is wanted.
 */
public final class InMemoryRegistry implements Registry {

    private final Map<String, StreamSlot> slotsByKeyHash = new ConcurrentHashMap<>();
    private final Map<StreamSlot, Lease> active = new ConcurrentHashMap<>();

    /** Registers {@code publishKey} as the primary input of {@code streamCode}. */
    public void register(String streamCode, String publishKey) {
        register(streamCode, 1, publishKey);
    }

    public void register(String streamCode, int priority, String publishKey) {
        slotsByKeyHash.put(StreamKeys.hash(publishKey), new StreamSlot(streamCode, priority));
    }

    @Override
    public Optional<StreamSlot> lookup(String key) {
        return Optional.ofNullable(slotsByKeyHash.get(StreamKeys.hash(key)));
    }

    @Override
    public Lease acquire(String key, String sessionId, String remoteAddress)
            throws UnknownStreamKeyException, StreamAlreadyActiveException {
        StreamSlot slot = lookup(key).orElseThrow(() -> new UnknownStreamKeyException(StreamKeys.prefix(key)));
        Lease lease = new Lease(slot, StreamKeys.prefix(key), sessionId, remoteAddress);
        if (active.putIfAbsent(slot, lease) != null) {
            throw new StreamAlreadyActiveException(slot);
        }
        return lease;
    }

    @Override
    public void release(Lease lease) {
        active.remove(lease.slot(), lease);
    }

    /** Whether a publisher currently holds the slot. */
    public boolean isActive(StreamSlot slot) {
        return active.containsKey(slot);
    }
}
