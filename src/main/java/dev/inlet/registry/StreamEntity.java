package dev.inlet.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A stream players can watch by its public {@code code}; its inputs are {@link StreamKeyEntity stream keys}. */
@Entity
@Table(name = "inlet_stream")
public class StreamEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "code", nullable = false, unique = true, length = 64)
    private String code;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    /** Readers need a play token (V2). */
    @Column(name = "private_playback", nullable = false)
    private boolean privatePlayback;

    /** The stream's own SRT passphrase, null = the server's (V3). Stored as given: libsrt needs it in clear. */
    @Column(name = "srt_passphrase", length = 79)
    private String srtPassphrase;

    protected StreamEntity() {
    }

    public StreamEntity(String code, String displayName, Instant created) {
        this.id = UUID.randomUUID().toString();
        this.code = code;
        this.displayName = displayName;
        this.enabled = true;
        this.createdAt = created.toEpochMilli();
    }

    public String getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isPrivatePlayback() {
        return privatePlayback;
    }

    public void setPrivatePlayback(boolean privatePlayback) {
        this.privatePlayback = privatePlayback;
    }

    public String getSrtPassphrase() {
        return srtPassphrase;
    }

    public void setSrtPassphrase(String srtPassphrase) {
        this.srtPassphrase = srtPassphrase;
    }

    public Instant getCreated() {
        return Instant.ofEpochMilli(createdAt);
    }
}
