package dev.inlet.registry;

import dev.inlet.recording.RecordingInfo;
import dev.inlet.recording.RecordingState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One recording's catalog row (V4). */
@Entity
@Table(name = "inlet_recording")
public class RecordingEntity {

    static final int MAX_REASON = 500;

    @Id
    @Column(name = "id", length = 36)
    private String id;
    @Column(name = "stream_code", nullable = false, length = 64)
    private String streamCode;
    @Column(name = "node_id", nullable = false, length = 100)
    private String nodeId;
    @Column(name = "state", nullable = false, length = 16)
    private String state;
    @Column(name = "started_at", nullable = false)
    private long startedAt;
    @Column(name = "ended_at")
    private Long endedAt;
    @Column(name = "duration_ms", nullable = false)
    private long durationMs;
    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;
    @Column(name = "codecs", nullable = false, length = 100)
    private String codecs;
    @Column(name = "width", nullable = false)
    private int width;
    @Column(name = "height", nullable = false)
    private int height;
    @Column(name = "file_path", nullable = false, length = 300)
    private String filePath;
    @Column(name = "reason", length = MAX_REASON)
    private String reason;

    protected RecordingEntity() {
    }

    RecordingEntity(RecordingInfo recording) {
        this.id = recording.id();
        copy(recording);
    }

    final void copy(RecordingInfo recording) {
        streamCode = recording.stream();
        nodeId = recording.node();
        state = recording.state().name();
        startedAt = recording.started().toEpochMilli();
        endedAt = recording.ended() == null ? null : recording.ended().toEpochMilli();
        durationMs = recording.durationMs();
        sizeBytes = recording.bytes();
        codecs = recording.codecs().length() > 100 ? recording.codecs().substring(0, 100) : recording.codecs();
        width = recording.width();
        height = recording.height();
        filePath = recording.file();
        reason = recording.reason() == null || recording.reason().length() <= MAX_REASON ? recording.reason()
                : recording.reason().substring(0, MAX_REASON - 1) + "…";
    }

    RecordingInfo info() {
        return new RecordingInfo(id, streamCode, nodeId, RecordingState.valueOf(state), Instant.ofEpochMilli(startedAt),
                endedAt == null ? null : Instant.ofEpochMilli(endedAt), durationMs, sizeBytes, codecs, width, height,
                filePath, reason);
    }
}
