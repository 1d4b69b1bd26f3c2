package dev.inlet.registry;

import dev.inlet.ingest.StreamKeys;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The administrators' view of streams and their keys: what the REST API calls. A key's plaintext
 * is returned once, by {@link #createKey} and {@link #rotateKey}; only its hash and prefix are kept.
 * The JPQL here is plain enough for both EclipseLink (Payara) and Hibernate (WildFly).
 */
public class StreamCatalog {

    /** Stream codes appear in play URLs: letters, digits, {@code -} and {@code _}. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_DISPLAY_NAME = 200;
    private static final int MAX_PRIORITY = 99;

    private final CatalogTransactions transactions;

    public StreamCatalog(CatalogTransactions transactions) {
        this.transactions = transactions;
    }

    public StreamInfo createStream(String code, String displayName) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new CatalogException(CatalogException.Problem.INVALID,
                    "a stream code is 1 to 64 letters, digits, '-' or '_'");
        }
        String name = validDisplayName(displayName == null || displayName.isBlank() ? code : displayName);
        return transactions.inTransaction(em -> {
            if (find(em, code).isPresent()) {
                throw new CatalogException(CatalogException.Problem.CONFLICT, "stream " + code + " exists already");
            }
            StreamEntity stream = new StreamEntity(code, name, Instant.now());
            em.persist(stream);
            return StreamInfo.of(stream);
        });
    }

    public List<StreamInfo> listStreams() {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT s FROM StreamEntity s ORDER BY s.code", StreamEntity.class)
                .getResultList().stream().map(StreamInfo::of).toList());
    }

    public Optional<StreamInfo> findStream(String code) {
        return transactions.inTransaction(em -> find(em, code).map(StreamInfo::of));
    }

    /** Changes the display name and/or the enabled flag; a null argument leaves that field as it is. */
    public StreamInfo updateStream(String code, String displayName, Boolean enabled) {
        String name = displayName == null ? null : validDisplayName(displayName);
        return transactions.inTransaction(em -> {
            StreamEntity stream = require(em, code);
            if (name != null) {
                stream.setDisplayName(name);
            }
            if (enabled != null) {
                stream.setEnabled(enabled);
            }
            return StreamInfo.of(stream);
        });
    }

    /** Deletes the stream with its keys and leases; false when there was no such stream. */
    public boolean deleteStream(String code) {
        return transactions.inTransaction(em -> {
            Optional<StreamEntity> stream = find(em, code);
            if (stream.isEmpty()) {
                return false;
            }
            em.createQuery("DELETE FROM PublisherLeaseEntity l WHERE l.streamId = :id")
                    .setParameter("id", stream.get().getId()).executeUpdate();
            em.createQuery("DELETE FROM StreamKeyEntity k WHERE k.stream = :stream")
                    .setParameter("stream", stream.get()).executeUpdate();
            em.remove(stream.get());
            return true;
        });
    }

    /** A new key for input {@code priority} (1 = primary, 2 = backup, …) of the stream. */
    public IssuedKey createKey(String code, int priority) {
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new CatalogException(CatalogException.Problem.INVALID,
                    "priority must be between 1 (primary) and " + MAX_PRIORITY);
        }
        return transactions.inTransaction(em -> issue(em, require(em, code), priority));
    }

    public List<KeyInfo> listKeys(String code) {
        return transactions.inTransaction(em -> keysOf(em, require(em, code)).stream().map(KeyInfo::of).toList());
    }

    /** Disables a key for good: encoders using it are refused from now on (a live one keeps its publish). */
    public KeyInfo revokeKey(String code, String keyId) {
        return transactions.inTransaction(em -> {
            StreamKeyEntity key = requireKey(em, code, keyId);
            key.setEnabled(false);
            return KeyInfo.of(key);
        });
    }

    /** Revokes a key and issues its replacement for the same input. */
    public IssuedKey rotateKey(String code, String keyId) {
        return transactions.inTransaction(em -> {
            StreamKeyEntity old = requireKey(em, code, keyId);
            old.setEnabled(false);
            return issue(em, old.getStream(), old.getPriority());
        });
    }

    /** The stream's current publisher leases, by input. */
    public List<LeaseInfo> listLeases(String code) {
        return transactions.inTransaction(em -> {
            StreamEntity stream = require(em, code);
            return em.createQuery("SELECT l FROM PublisherLeaseEntity l WHERE l.streamId = :id ORDER BY l.priority",
                            PublisherLeaseEntity.class)
                    .setParameter("id", stream.getId())
                    .getResultList().stream()
                    .map(l -> new LeaseInfo(code, l.getPriority(), l.getNodeId(), l.getSessionId(), l.getKeyPrefix(),
                            l.getRemoteAddress(), l.getAcquired(), l.getHeartbeat()))
                    .toList();
        });
    }

    private static IssuedKey issue(EntityManager em, StreamEntity stream, int priority) {
        String plaintext = StreamKeys.generate();
        StreamKeyEntity key = new StreamKeyEntity(stream, priority, StreamKeys.hash(plaintext),
                StreamKeys.prefix(plaintext), Instant.now());
        em.persist(key);
        return new IssuedKey(KeyInfo.of(key), plaintext);
    }

    private static List<StreamKeyEntity> keysOf(EntityManager em, StreamEntity stream) {
        return em.createQuery("SELECT k FROM StreamKeyEntity k WHERE k.stream = :stream"
                        + " ORDER BY k.priority, k.createdAt, k.id", StreamKeyEntity.class)
                .setParameter("stream", stream)
                .getResultList();
    }

    private static Optional<StreamEntity> find(EntityManager em, String code) {
        return em.createQuery("SELECT s FROM StreamEntity s WHERE s.code = :code", StreamEntity.class)
                .setParameter("code", code)
                .getResultList().stream().findFirst();
    }

    private static StreamEntity require(EntityManager em, String code) {
        return find(em, code).orElseThrow(() ->
                new CatalogException(CatalogException.Problem.NOT_FOUND, "no stream " + code));
    }

    private static StreamKeyEntity requireKey(EntityManager em, String code, String keyId) {
        StreamKeyEntity key = keyId == null ? null : em.find(StreamKeyEntity.class, keyId);
        if (key == null || !key.getStream().getCode().equals(code)) {
            throw new CatalogException(CatalogException.Problem.NOT_FOUND, "stream " + code + " has no key " + keyId);
        }
        return key;
    }

    private static String validDisplayName(String name) {
        if (name.length() > MAX_DISPLAY_NAME) {
            throw new CatalogException(CatalogException.Problem.INVALID,
                    "a display name has at most " + MAX_DISPLAY_NAME + " characters");
        }
        return name;
    }
}
