package dev.inlet.core;

import java.time.Instant;

/**
 * A stream as stored: its public code (what players play), display name, whether it may publish, whether its
 * readers need a play token ({@code privatePlayback}), and whether it has its own SRT passphrase (never the passphrase
 * itself).
 */
public record StreamRecord(String code, String displayName, boolean enabled, Instant created, boolean privatePlayback,
                           boolean srtPassphraseSet) {

    /** A public stream with the server's SRT encryption. */
    public StreamRecord(String code, String displayName, boolean enabled, Instant created) {
        this(code, displayName, enabled, created, false);
    }

    /** A stream with the server's SRT encryption. */
    public StreamRecord(String code, String displayName, boolean enabled, Instant created, boolean privatePlayback) {
        this(code, displayName, enabled, created, privatePlayback, false);
    }
}
