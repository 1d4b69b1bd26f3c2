package dev.inlet.events;

import java.time.Instant;

/**
 * A relay's state changed: {@code state} is {@code Idle}, {@code Connecting}, {@code Live} or {@code Failed}
 * ({@code reason} says why; {@code retryInSeconds} when it tries again). {@code url} never holds the target's key.
 */
public record RelayStateChanged(String streamCode, String relayId, String url, String state, String reason,
                                long retryInSeconds, long bytesSent, Instant at) {
}
