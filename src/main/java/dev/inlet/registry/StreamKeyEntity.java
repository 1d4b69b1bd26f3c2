package dev.inlet.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One publish key of a stream: which input it feeds ({@code priority} 1 = primary, 2 = backup, …),
 * the SHA-256 of the key (never the key) and its short non-secret prefix.
 */
@Entity
@Table(name = "inlet_stream_key")
public class StreamKeyEntity {

    /** Random rather than database-generated (identity columns differ between databases); below 2^53 so JSON keeps it exact. */
    @Id
    @Column(name = "id")
    private long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "stream_id", nullable = false)
    private StreamEntity stream;

    @Column(name = "priority", nullable = false)
    private int priority;

    @Column(name = "key_hash", nullable = false, unique = true, length = 64)
    private String keyHash;

    @Column(name = "key_prefix", nullable = false, length = 16)
    private String keyPrefix;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "last_used_at")
    private Long lastUsedAt;

    @Column(name = "last_remote_address", length = 100)
    private String lastRemoteAddress;

    protected StreamKeyEntity() {
    }

    public StreamKeyEntity(StreamEntity stream, int priority, String keyHash, String keyPrefix, Instant created) {
        this.id = ThreadLocalRandom.current().nextLong(1, 1L << 53);
        this.stream = stream;
        this.priority = priority;
        this.keyHash = keyHash;
        this.keyPrefix = keyPrefix;
        this.enabled = true;
        this.createdAt = created.toEpochMilli();
    }

    public long getId() {
        return id;
    }

    public StreamEntity getStream() {
        return stream;
    }

    public int getPriority() {
        return priority;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreated() {
        return Instant.ofEpochMilli(createdAt);
    }

    /** When an encoder last published with this key, if ever. */
    public Instant getLastUsed() {
        return lastUsedAt == null ? null : Instant.ofEpochMilli(lastUsedAt);
    }

    public String getLastRemoteAddress() {
        return lastRemoteAddress;
    }
}
