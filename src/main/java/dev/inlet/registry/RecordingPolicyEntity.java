package dev.inlet.registry;

import dev.inlet.recording.RecordingPolicy;
import dev.inlet.recording.Retention;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;

/** A stream's recording settings (V4); removed with its stream by the database's cascade. */
@Entity
@Table(name = "inlet_recording_policy")
public class RecordingPolicyEntity {

    @Id
    @Column(name = "stream_id", length = 36)
    private String streamId;
    @Column(name = "enabled", nullable = false)
    private boolean enabled;
    @Column(name = "max_age_seconds")
    private Long maxAgeSeconds;
    @Column(name = "max_bytes")
    private Long maxBytes;

    protected RecordingPolicyEntity() {
    }

    RecordingPolicyEntity(String streamId) {
        this.streamId = streamId;
    }

    void set(RecordingPolicy policy) {
        enabled = policy.enabled();
        Retention retention = policy.retention();
        maxAgeSeconds = retention == null || retention.maxAge() == null ? null : retention.maxAge().toSeconds();
        maxBytes = retention == null ? null : retention.maxBytes();
    }

    RecordingPolicy policy() {
        Retention retention = maxAgeSeconds == null && maxBytes == null ? null
                : new Retention(maxAgeSeconds == null ? null : Duration.ofSeconds(maxAgeSeconds), maxBytes == null ? 0 : maxBytes);
        return new RecordingPolicy(enabled, retention);
    }
}
