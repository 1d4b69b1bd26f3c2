package dev.inlet.api.streams;

import dev.inlet.core.KeyRecord;

import java.time.Instant;

/** A stream key as listed: its prefix only; the key itself is shown once, when it is issued. */
public record KeySummary(long id, String streamCode, int priority, String prefix, boolean enabled, Instant created,
                         Instant lastUsed, String lastRemoteAddress) {

    static KeySummary of(KeyRecord key) {
        return new KeySummary(key.id(), key.streamCode(), key.priority(), key.prefix(), key.enabled(), key.created(),
                key.lastUsed(), key.lastRemoteAddress());
    }
}
