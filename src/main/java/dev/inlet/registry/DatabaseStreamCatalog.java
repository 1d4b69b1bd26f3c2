package dev.inlet.registry;

import dev.inlet.core.InputPriorities;
import dev.inlet.core.CatalogException;
import dev.inlet.core.CreatedKey;
import dev.inlet.core.KeyRecord;
import dev.inlet.core.StreamCatalog;
import dev.inlet.core.StreamCodes;
import dev.inlet.core.StreamKeys;
import dev.inlet.core.StreamRecord;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link StreamCatalog} kept in the registry's database, through JPA. A key's plaintext is
 * returned once, by {@link #createKey} and {@link #rotateKey}; only its hash and prefix are kept.
 * The JPQL here is plain enough for both EclipseLink (Payara) and Hibernate (WildFly).
 */
public class DatabaseStreamCatalog implements StreamCatalog {

    private static final int MAX_DISPLAY_NAME = 200;

    private final CatalogTransactions transactions;

    public DatabaseStreamCatalog(CatalogTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public StreamRecord createStream(String code, String displayName) throws CatalogException {
        StreamCodes.requireValid(code);
        String name = validDisplayName(displayName == null || displayName.isBlank() ? code : displayName);
        return inTransaction(em -> {
            if (find(em, code).isPresent()) {
                throw new Refused(new CatalogException.Conflict("stream " + code + " exists already"));
            }
            StreamEntity stream = new StreamEntity(code, name, Instant.now());
            em.persist(stream);
            return record(stream);
        });
    }

    @Override
    public List<StreamRecord> streams() {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT s FROM StreamEntity s ORDER BY s.code", StreamEntity.class)
                .getResultList().stream().map(DatabaseStreamCatalog::record).toList());
    }

    @Override
    public Optional<StreamRecord> stream(String code) {
        return transactions.inTransaction(em -> find(em, code).map(DatabaseStreamCatalog::record));
    }

    @Override
    public StreamRecord updateStream(String code, String displayName, Boolean enabled, Boolean privatePlayback)
            throws CatalogException {
        String name = displayName == null ? null : validDisplayName(displayName);
        return inTransaction(em -> {
            StreamEntity stream = require(em, code);
            if (name != null) {
                stream.setDisplayName(name);
            }
            if (enabled != null) {
                stream.setEnabled(enabled);
            }
            if (privatePlayback != null) {
                stream.setPrivatePlayback(privatePlayback);
            }
            return record(stream);
        });
    }

    @Override
    public StreamRecord updateSrtPassphrase(String code, String passphrase) throws CatalogException {
        StreamCatalog.validateSrtPassphrase(passphrase);
        return inTransaction(em -> {
            StreamEntity stream = require(em, code);
            stream.setSrtPassphrase(passphrase == null || passphrase.isEmpty() ? null : passphrase);
            return record(stream);
        });
    }

    /** Deletes the stream with its keys and leases; false when there was no such stream. */
    @Override
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

    @Override
    public CreatedKey createKey(String streamCode, int priority) throws CatalogException {
        if (!InputPriorities.isValid(priority)) {
            throw new CatalogException.Invalid(InputPriorities.rule());
        }
        return inTransaction(em -> issue(em, require(em, streamCode), priority));
    }

    @Override
    public List<KeyRecord> keys(String streamCode) throws CatalogException {
        return inTransaction(em -> em.createQuery("SELECT k FROM StreamKeyEntity k WHERE k.stream = :stream"
                        + " ORDER BY k.priority, k.createdAt, k.id", StreamKeyEntity.class)
                .setParameter("stream", require(em, streamCode))
                .getResultList().stream().map(DatabaseStreamCatalog::record).toList());
    }

    /** Disables a key for good: encoders using it are refused from now on (a live one keeps its publish). */
    @Override
    public Optional<KeyRecord> revokeKey(String streamCode, long keyId) {
        return transactions.inTransaction(em -> findKey(em, streamCode, keyId).map(key -> {
            key.setEnabled(false);
            return record(key);
        }));
    }

    @Override
    public CreatedKey rotateKey(String streamCode, long keyId) throws CatalogException {
        return inTransaction(em -> {
            StreamKeyEntity old = findKey(em, streamCode, keyId).orElseThrow(() -> new Refused(
                    new CatalogException.NotFound("stream " + streamCode + " has no key " + keyId)));
            old.setEnabled(false);
            return issue(em, old.getStream(), old.getPriority());
        });
    }

    /** The stream's current publisher leases, by input. */
    public List<LeaseInfo> leases(String streamCode) throws CatalogException {
        return inTransaction(em -> em.createQuery("SELECT l FROM PublisherLeaseEntity l WHERE l.streamId = :id"
                        + " ORDER BY l.priority", PublisherLeaseEntity.class)
                .setParameter("id", require(em, streamCode).getId())
                .getResultList().stream()
                .map(l -> new LeaseInfo(streamCode, l.getPriority(), l.getNodeId(), l.getSessionId(), l.getKeyPrefix(),
                        l.getRemoteAddress(), l.getAcquired(), l.getHeartbeat()))
                .toList());
    }

    /** Runs {@code work} in a transaction, rolled back when it refuses with a {@link CatalogException}. */
    private <T> T inTransaction(Function<EntityManager, T> work) throws CatalogException {
        try {
            return transactions.inTransaction(work);
        } catch (Refused refused) {
            throw refused.reason;
        }
    }

    /** Carries a checked refusal out of a transaction callback (and makes the transaction roll back). */
    private static final class Refused extends RuntimeException {
        final CatalogException reason;

        Refused(CatalogException reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }

    private static CreatedKey issue(EntityManager em, StreamEntity stream, int priority) {
        String plaintext = StreamKeys.generate();
        StreamKeyEntity key = new StreamKeyEntity(stream, priority, StreamKeys.hash(plaintext),
                StreamKeys.prefix(plaintext), Instant.now());
        em.persist(key);
        return new CreatedKey(record(key), plaintext);
    }

    private static Optional<StreamEntity> find(EntityManager em, String code) {
        return em.createQuery("SELECT s FROM StreamEntity s WHERE s.code = :code", StreamEntity.class)
                .setParameter("code", code)
                .getResultList().stream().findFirst();
    }

    private static StreamEntity require(EntityManager em, String code) {
        return find(em, code).orElseThrow(() -> new Refused(new CatalogException.NotFound("no stream " + code)));
    }

    private static Optional<StreamKeyEntity> findKey(EntityManager em, String code, long keyId) {
        return Optional.ofNullable(em.find(StreamKeyEntity.class, keyId))
                .filter(key -> key.getStream().getCode().equals(code));
    }

    private static String validDisplayName(String name) throws CatalogException {
        if (name.length() > MAX_DISPLAY_NAME) {
            throw new CatalogException.Invalid("a display name has at most " + MAX_DISPLAY_NAME + " characters");
        }
        return name;
    }

    private static StreamRecord record(StreamEntity stream) {
        return new StreamRecord(stream.getCode(), stream.getDisplayName(), stream.isEnabled(), stream.getCreated(),
                stream.isPrivatePlayback(), stream.getSrtPassphrase() != null);
    }

    private static KeyRecord record(StreamKeyEntity key) {
        return new KeyRecord(key.getId(), key.getStream().getCode(), key.getPriority(), key.getKeyPrefix(),
                key.isEnabled(), key.getCreated(), key.getLastUsed(), key.getLastRemoteAddress());
    }
}
