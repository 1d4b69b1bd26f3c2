package dev.inlet.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A relay target's row (V5); its stream key only sealed. */
@Entity
@Table(name = "inlet_relay_target")
public class RelayTargetEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;
    @Column(name = "stream_id", nullable = false, length = 36)
    private String streamId;
    @Column(name = "url", nullable = false, length = 500)
    private String url;
    @Column(name = "key_sealed", nullable = false, length = 1000)
    private String keySealed;
    @Column(name = "key_prefix", nullable = false, length = 8)
    private String keyPrefix;
    @Column(name = "enabled", nullable = false)
    private boolean enabled;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected RelayTargetEntity() {
    }

    RelayTargetEntity(String id, String streamId, String url, String keySealed, String keyPrefix, boolean enabled,
                      long createdAt) {
        this.id = id;
        this.streamId = streamId;
        this.url = url;
        this.keySealed = keySealed;
        this.keyPrefix = keyPrefix;
        this.enabled = enabled;
        this.createdAt = createdAt;
    }

    String getId() {
        return id;
    }

    String getStreamId() {
        return streamId;
    }

    String getUrl() {
        return url;
    }

    String getKeySealed() {
        return keySealed;
    }

    String getKeyPrefix() {
        return keyPrefix;
    }

    boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    long getCreatedAt() {
        return createdAt;
    }
}
