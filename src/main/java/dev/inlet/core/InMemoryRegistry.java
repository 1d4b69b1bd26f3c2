package dev.inlet.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry and stream catalog held in memory: keys by hash (never the plaintext), active slots in a
 * concurrent map. Used for the demo key, by tests, and where no database is wanted; its content is
 * lost when the application stops.
 *
 * <p>The publish path ({@link #lookup}, {@link #acquire}) reads concurrent maps without locking;
 * administration changes are serialised on this object.
 */
public final class InMemoryRegistry implements Registry, StreamCatalog {


    private final Map<String, StreamRecord> streams = new ConcurrentHashMap<>();
    private final Map<String, StreamEncryption> encryption = new ConcurrentHashMap<>();
    private final Map<String, KeyRecord> keysByHash = new ConcurrentHashMap<>();
    private final Map<StreamSlot, Lease> active = new ConcurrentHashMap<>();
    private final AtomicLong keyIds = new AtomicLong();

    /** Registers {@code publishKey} as the primary input of {@code streamCode}. */
    public void register(String streamCode, String publishKey) {
        register(streamCode, 1, publishKey);
    }

    /** Registers a known key (configured, not generated), creating the stream if needed. */
    public synchronized void register(String streamCode, int priority, String publishKey) {
        streams.computeIfAbsent(streamCode, code -> new StreamRecord(code, code, true, Instant.now()));
        storeKey(streamCode, priority, publishKey);
    }

    @Override
    public Optional<StreamSlot> lookup(String key) {
        KeyRecord record = keysByHash.get(StreamKeys.hash(key));
        if (record == null || !record.enabled()) {
            return Optional.empty();
        }
        StreamRecord stream = streams.get(record.streamCode());
        if (stream == null || !stream.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new StreamSlot(record.streamCode(), record.priority()));
    }

    @Override
    public Lease acquire(String key, String sessionId, String remoteAddress)
            throws UnknownStreamKeyException, StreamAlreadyActiveException {
        StreamSlot slot = lookup(key).orElseThrow(() -> new UnknownStreamKeyException(StreamKeys.prefix(key)));
        Lease lease = new Lease(slot, StreamKeys.prefix(key), sessionId, remoteAddress);
        if (active.putIfAbsent(slot, lease) != null) {
            throw new StreamAlreadyActiveException(slot);
        }
        keysByHash.computeIfPresent(StreamKeys.hash(key), (hash, record) -> new KeyRecord(record.id(),
                record.streamCode(), record.priority(), record.prefix(), record.enabled(), record.created(),
                Instant.now(), remoteAddress));
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

    @Override
    public synchronized StreamRecord createStream(String code, String displayName) throws CatalogException {
        StreamCodes.requireValid(code);
        if (streams.containsKey(code)) {
            throw new CatalogException.Conflict("stream " + code + " exists already");
        }
        StreamRecord created = new StreamRecord(code, displayName == null || displayName.isBlank() ? code : displayName,
                true, Instant.now());
        streams.put(code, created);
        return created;
    }

    @Override
    public List<StreamRecord> streams() {
        return streams.values().stream().sorted(Comparator.comparing(StreamRecord::code)).toList();
    }

    @Override
    public boolean isPlaybackPrivate(String streamCode) {
        StreamRecord stream = streamCode == null ? null : streams.get(streamCode);
        return stream != null && stream.privatePlayback();
    }

    @Override
    public StreamEncryption streamEncryption(String streamCode) {
        StreamEncryption own = streamCode == null ? null : encryption.get(streamCode);
        return own == null ? StreamEncryption.SERVER_DEFAULT : own;
    }

    @Override
    public synchronized StreamRecord updateSrtPassphrase(String code, String passphrase) throws CatalogException {
        StreamCatalog.validateSrtPassphrase(passphrase);
        StreamRecord current = requireStream(code);
        StreamEncryption now = new StreamEncryption(Optional.ofNullable(passphrase).filter(p -> !p.isEmpty()));
        encryption.put(code, now);
        StreamRecord updated = new StreamRecord(code, current.displayName(), current.enabled(), current.created(),
                current.privatePlayback(), now.passphrase().isPresent());
        streams.put(code, updated);
        return updated;
    }

    @Override
    public Optional<StreamRecord> stream(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(streams.get(code));
    }

    @Override
    public synchronized StreamRecord updateStream(String code, String displayName, Boolean enabled,
                                                  Boolean privatePlayback) throws CatalogException {
        StreamRecord current = requireStream(code);
        StreamRecord updated = new StreamRecord(code,
                displayName == null ? current.displayName() : displayName,
                enabled == null ? current.enabled() : enabled,
                current.created(),
                privatePlayback == null ? current.privatePlayback() : privatePlayback,
                current.srtPassphraseSet());
        streams.put(code, updated);
        return updated;
    }

    @Override
    public synchronized boolean deleteStream(String code) {
        if (code == null || streams.remove(code) == null) {
            return false;
        }
        keysByHash.values().removeIf(key -> key.streamCode().equals(code));
        encryption.remove(code);
        return true;
    }

    @Override
    public synchronized CreatedKey createKey(String streamCode, int priority) throws CatalogException {
        requireStream(streamCode);
        requireValidPriority(priority);
        String plaintext = StreamKeys.generate();
        return new CreatedKey(storeKey(streamCode, priority, plaintext), plaintext);
    }

    @Override
    public List<KeyRecord> keys(String streamCode) throws CatalogException {
        requireStream(streamCode);
        return keysByHash.values().stream().filter(key -> key.streamCode().equals(streamCode))
                .sorted(Comparator.comparingLong(KeyRecord::id)).toList();
    }

    @Override
    public synchronized Optional<KeyRecord> revokeKey(String streamCode, long keyId) {
        Optional<Map.Entry<String, KeyRecord>> found = findKey(streamCode, keyId);
        found.ifPresent(entry -> keysByHash.put(entry.getKey(), disabled(entry.getValue())));
        return found.map(entry -> disabled(entry.getValue()));
    }

    @Override
    public synchronized CreatedKey rotateKey(String streamCode, long keyId) throws CatalogException {
        requireStream(streamCode);
        Map.Entry<String, KeyRecord> old = findKey(streamCode, keyId)
                .orElseThrow(() -> new CatalogException.NotFound("stream " + streamCode + " has no key " + keyId));
        keysByHash.put(old.getKey(), disabled(old.getValue()));
        String plaintext = StreamKeys.generate();
        return new CreatedKey(storeKey(streamCode, old.getValue().priority(), plaintext), plaintext);
    }

    private KeyRecord storeKey(String streamCode, int priority, String plaintext) {
        KeyRecord record = new KeyRecord(keyIds.incrementAndGet(), streamCode, priority, StreamKeys.prefix(plaintext),
                true, Instant.now(), null, null);
        keysByHash.put(StreamKeys.hash(plaintext), record);
        return record;
    }

    private Optional<Map.Entry<String, KeyRecord>> findKey(String streamCode, long keyId) {
        return keysByHash.entrySet().stream()
                .filter(entry -> entry.getValue().id() == keyId && entry.getValue().streamCode().equals(streamCode))
                .findFirst();
    }

    private StreamRecord requireStream(String code) throws CatalogException.NotFound {
        return stream(code).orElseThrow(() -> new CatalogException.NotFound("no stream " + code));
    }

    private static KeyRecord disabled(KeyRecord key) {
        return new KeyRecord(key.id(), key.streamCode(), key.priority(), key.prefix(), false, key.created(),
                key.lastUsed(), key.lastRemoteAddress());
    }

    private static void requireValidPriority(int priority) throws CatalogException.Invalid {
        if (!InputPriorities.isValid(priority)) {
            throw new CatalogException.Invalid(InputPriorities.rule());
        }
    }
}
