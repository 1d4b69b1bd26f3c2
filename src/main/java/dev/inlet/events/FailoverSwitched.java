package dev.inlet.events;

import java.time.Instant;

/** Players of a stream now get the input of {@code toPriority}; {@code reason}: error, timeout, failback, manual. */
public record FailoverSwitched(String streamCode, int fromPriority, int toPriority, String reason, Instant at) {
}
