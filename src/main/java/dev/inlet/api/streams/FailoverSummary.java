package dev.inlet.api.streams;

import java.time.Instant;

/** Players were switched from one input to another. */
public record FailoverSummary(int fromPriority, int toPriority, String reason, Instant at) {
}
