package dev.inlet.registry;

import dev.inlet.core.StreamNotFoundException;
import dev.inlet.relay.KeySeal;
import dev.inlet.relay.RelayCatalog;
import dev.inlet.relay.RelayTarget;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Relay targets in the registry's database, through JPA; keys sealed with {@link KeySeal}. */
public class DatabaseRelayCatalog implements RelayCatalog {

    private final CatalogTransactions transactions;
    private final KeySeal seal;

    public DatabaseRelayCatalog(CatalogTransactions transactions, KeySeal seal) {
        this.transactions = transactions;
        this.seal = seal;
    }

    @Override
    public List<RelayTarget> targets(String stream) throws StreamNotFoundException {
        Optional<List<RelayTarget>> found = transactions.inTransaction(em -> streamId(em, stream).map(id -> em
                .createQuery("SELECT t FROM RelayTargetEntity t WHERE t.streamId = :id ORDER BY t.createdAt, t.id",
                        RelayTargetEntity.class)
                .setParameter("id", id).getResultList().stream().map(row -> target(stream, row)).toList()));
        return found.orElseThrow(() -> new StreamNotFoundException(stream));
    }

    @Override
    public Optional<RelayTarget> find(String stream, String id) {
        return transactions.inTransaction(em -> row(em, stream, id).map(row -> target(stream, row)));
    }

    @Override
    public void add(RelayTarget target) throws StreamNotFoundException {
        boolean added = transactions.inTransaction(em -> streamId(em, target.stream()).map(id -> {
            em.persist(new RelayTargetEntity(target.id(), id, target.url(), seal.seal(target.stream(), target.key()),
                    target.keyPrefix(), target.enabled(), target.created().toEpochMilli()));
            return true;
        }).orElse(false));
        if (!added) {
            throw new StreamNotFoundException(target.stream());
        }
    }

    @Override
    public Optional<RelayTarget> setEnabled(String stream, String id, boolean enabled) {
        return transactions.inTransaction(em -> row(em, stream, id).map(row -> {
            row.setEnabled(enabled);
            return target(stream, row);
        }));
    }

    @Override
    public boolean remove(String stream, String id) {
        return transactions.inTransaction(em -> row(em, stream, id).map(row -> {
            em.remove(row);
            return true;
        }).orElse(false));
    }

    private RelayTarget target(String stream, RelayTargetEntity row) {
        return new RelayTarget(row.getId(), stream, row.getUrl(), seal.open(stream, row.getKeySealed()),
                row.getKeyPrefix(), row.isEnabled(), Instant.ofEpochMilli(row.getCreatedAt()));
    }

    private static Optional<RelayTargetEntity> row(EntityManager em, String stream, String id) {
        return streamId(em, stream).flatMap(streamId -> Optional.ofNullable(em.find(RelayTargetEntity.class, id))
                .filter(row -> row.getStreamId().equals(streamId)));
    }

    private static Optional<String> streamId(EntityManager em, String code) {
        return em.createQuery("SELECT s.id FROM StreamEntity s WHERE s.code = :code", String.class)
                .setParameter("code", code).getResultList().stream().findFirst();
    }
}
