package dev.inlet.core;

import java.time.Instant;

/** A stream key as stored: never the key itself, only its non-secret prefix. */
public record KeyRecord(long id, String streamCode, int priority, String prefix, boolean enabled, Instant created,
                        Instant lastUsed, String lastRemoteAddress) {
}
