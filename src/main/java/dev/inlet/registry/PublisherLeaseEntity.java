package dev.inlet.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The claim of one node's publisher on one input slot (stream + priority). Written by
 * {@link DatabaseRegistry} with plain SQL; mapped here so administrators can list who publishes.
 */
@Entity
@Table(name = "inlet_publisher_lease")
@IdClass(PublisherLeaseEntity.Key.class)
public class PublisherLeaseEntity {

    @Id
    @Column(name = "stream_id", length = 36)
    private String streamId;

    @Id
    @Column(name = "priority")
    private int priority;

    @Column(name = "node_id", nullable = false, length = 100)
    private String nodeId;

    @Column(name = "session_id", nullable = false, length = 100)
    private String sessionId;

    @Column(name = "key_prefix", nullable = false, length = 16)
    private String keyPrefix;

    @Column(name = "remote_address", length = 100)
    private String remoteAddress;

    @Column(name = "acquired_at", nullable = false)
    private long acquiredAt;

    @Column(name = "heartbeat_at", nullable = false)
    private long heartbeatAt;

    protected PublisherLeaseEntity() {
    }

    public String getStreamId() {
        return streamId;
    }

    public int getPriority() {
        return priority;
    }

    public String getNodeId() {
        return nodeId;
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public String getRemoteAddress() {
        return remoteAddress;
    }

    public Instant getAcquired() {
        return Instant.ofEpochMilli(acquiredAt);
    }

    public Instant getHeartbeat() {
        return Instant.ofEpochMilli(heartbeatAt);
    }

    /** The composite primary key: one lease per input slot. */
    public static class Key implements java.io.Serializable {
        private String streamId;
        private int priority;

        public Key() {
        }

        public Key(String streamId, int priority) {
            this.streamId = streamId;
            this.priority = priority;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.priority == priority && java.util.Objects.equals(key.streamId, streamId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(streamId, priority);
        }
    }
}
