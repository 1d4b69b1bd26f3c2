package dev.inlet.core;

import java.time.Instant;

/** A stream as stored: its public code (what players play), display name, and whether it may publish. */
public record StreamRecord(String code, String displayName, boolean enabled, Instant created) {
}
