package dev.inlet.core;

import java.time.Instant;

/**
 * A stream as stored: its public code (what players play), display name, whether it may publish, and whether its
 * readers need a play token ({@code privatePlayback}).
 */
public record StreamRecord(String code, String displayName, boolean enabled, Instant created, boolean privatePlayback) {

    /** A public stream. */
    public StreamRecord(String code, String displayName, boolean enabled, Instant created) {
        this(code, displayName, enabled, created, false);
    }
}
