package dev.inlet.api.streams;

import java.time.Instant;

/** A stream in the list: what it is and whether it is live. */
public record StreamSummary(String code, String name, boolean enabled, String state, boolean live, Instant created) {
}
