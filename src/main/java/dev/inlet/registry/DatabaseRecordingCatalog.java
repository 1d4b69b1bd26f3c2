package dev.inlet.registry;

import dev.inlet.core.StreamNotFoundException;
import dev.inlet.recording.RecordingCatalog;
import dev.inlet.recording.RecordingInfo;
import dev.inlet.recording.RecordingPolicy;
import dev.inlet.recording.RecordingState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The recordings and the streams' recording policies in the registry's database, through JPA. */
public class DatabaseRecordingCatalog implements RecordingCatalog {

    private final CatalogTransactions transactions;

    public DatabaseRecordingCatalog(CatalogTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(RecordingInfo recording) {
        transactions.inTransaction(em -> {
            em.persist(new RecordingEntity(recording));
            return null;
        });
    }

    @Override
    public void update(RecordingInfo recording) {
        transactions.inTransaction(em -> {
            RecordingEntity row = em.find(RecordingEntity.class, recording.id());
            if (row != null) {
                row.copy(recording);
            }
            return null;
        });
    }

    @Override
    public Optional<RecordingInfo> find(String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(RecordingEntity.class, id)).map(RecordingEntity::info));
    }

    @Override
    public List<RecordingInfo> list(String stream, Instant from, Instant to) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM RecordingEntity r WHERE 1 = 1");
        if (stream != null) {
            jpql.append(" AND r.streamCode = :stream");
        }
        if (from != null) {
            jpql.append(" AND r.startedAt >= :from");
        }
        if (to != null) {
            jpql.append(" AND r.startedAt < :to");
        }
        jpql.append(" ORDER BY r.startedAt DESC, r.id");
        return transactions.inTransaction(em -> {
            TypedQuery<RecordingEntity> query = em.createQuery(jpql.toString(), RecordingEntity.class);
            if (stream != null) {
                query.setParameter("stream", stream);
            }
            if (from != null) {
                query.setParameter("from", from.toEpochMilli());
            }
            if (to != null) {
                query.setParameter("to", to.toEpochMilli());
            }
            return query.getResultList().stream().map(RecordingEntity::info).toList();
        });
    }

    @Override
    public List<RecordingInfo> unfinished(String node) {
        return transactions.inTransaction(em -> em.createQuery("SELECT r FROM RecordingEntity r WHERE r.nodeId = :node"
                        + " AND r.state = :state ORDER BY r.startedAt", RecordingEntity.class)
                .setParameter("node", node).setParameter("state", RecordingState.RECORDING.name())
                .getResultList().stream().map(RecordingEntity::info).toList());
    }

    @Override
    public boolean remove(String id) {
        return transactions.inTransaction(em -> {
            RecordingEntity row = em.find(RecordingEntity.class, id);
            if (row == null) {
                return false;
            }
            em.remove(row);
            return true;
        });
    }

    @Override
    public Optional<RecordingPolicy> policy(String stream) throws StreamNotFoundException {
        Optional<Optional<RecordingPolicy>> found = transactions.inTransaction(em -> streamId(em, stream)
                .map(id -> Optional.ofNullable(em.find(RecordingPolicyEntity.class, id)).map(RecordingPolicyEntity::policy)));
        return found.orElseThrow(() -> new StreamNotFoundException(stream));
    }

    @Override
    public void setPolicy(String stream, RecordingPolicy policy) throws StreamNotFoundException {
        boolean found = transactions.inTransaction(em -> {
            Optional<String> id = streamId(em, stream);
            if (id.isEmpty()) {
                return false;
            }
            RecordingPolicyEntity row = em.find(RecordingPolicyEntity.class, id.get());
            if (row == null) {
                row = new RecordingPolicyEntity(id.get());
                row.set(policy);
                em.persist(row);
            } else {
                row.set(policy);
            }
            return true;
        });
        if (!found) {
            throw new StreamNotFoundException(stream);
        }
    }

    private static Optional<String> streamId(EntityManager em, String code) {
        return em.createQuery("SELECT s.id FROM StreamEntity s WHERE s.code = :code", String.class)
                .setParameter("code", code).getResultList().stream().findFirst();
    }
}
