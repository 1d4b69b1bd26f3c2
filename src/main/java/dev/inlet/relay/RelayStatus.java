package dev.inlet.relay;

import java.time.Instant;
import java.util.List;

/**
 * What a relay is doing now.
 *
 * @param reason         why it failed (or last failed); null when it never did
 * @param retryInSeconds when it tries again, while failed; 0 otherwise
 * @param bytesSent      media bytes sent to the target since the relay started (all connections)
 * @param liveSince      when the current push went live; null unless live
 * @param history        the latest state changes, oldest first
 */
public record RelayStatus(String targetId, RelayState state, String reason, long retryInSeconds, long bytesSent,
                          Instant liveSince, List<Change> history) {

    /** One state change. */
    public record Change(Instant at, RelayState state, String reason) {
    }

    public static RelayStatus idle(String targetId) {
        return new RelayStatus(targetId, RelayState.IDLE, null, 0, 0, null, List.of());
    }
}
