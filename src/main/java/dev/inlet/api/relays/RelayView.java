package dev.inlet.api.relays;

import dev.inlet.relay.RelayStatus;
import dev.inlet.relay.RelayTarget;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A relay target as the API shows it: never its key, only the key's first characters.
 *
 * @param state          {@code Idle}, {@code Connecting}, {@code Live} or {@code Failed}
 * @param uptimeSeconds  how long the current push has been live; 0 unless live
 * @param history        the latest state changes, oldest first
 */
@JsonbPropertyOrder({"id", "stream", "url", "keyPrefix", "enabled", "state", "reason", "retryInSeconds", "bytesSent",
        "uptimeSeconds", "created", "history"})
public record RelayView(String id, String stream, String url, String keyPrefix, boolean enabled, String state,
                        String reason, long retryInSeconds, long bytesSent, long uptimeSeconds, Instant created,
                        List<Change> history) {

    public record Change(Instant at, String state, String reason) {
    }

    static RelayView of(RelayTarget target, RelayStatus status) {
        long uptime = status.liveSince() == null ? 0 : Duration.between(status.liveSince(), Instant.now()).toSeconds();
        return new RelayView(target.id(), target.stream(), target.url(), target.keyPrefix(), target.enabled(),
                status.state().label(), status.reason(), status.retryInSeconds(), status.bytesSent(), uptime,
                target.created(), status.history().stream()
                .map(c -> new Change(c.at(), c.state().label(), c.reason())).toList());
    }
}
