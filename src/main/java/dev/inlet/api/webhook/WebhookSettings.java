package dev.inlet.api.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the hooks go and how hard to try. A hook without a URL is off.
 *
 * @param timeout       for one request, connect to last body byte
 * @param failOpen      allow a publish (or play) when the on_publish (on_play) receiver cannot be reached in time
 * @param retries       further attempts of a failed notification (on_publish is never retried: the encoder waits)
 * @param retryBackoff  wait before the first retry, doubled before each next one
 * @param maxPending    notification deliveries in flight at most; more are dropped
 */
public record WebhookSettings(Optional<URI> onPublish, Optional<URI> onUnpublish, Optional<URI> onPlay,
                              Optional<URI> onStop, Optional<URI> onRecordDone, Optional<String> secret, Duration timeout, boolean failOpen,
                              int retries, Duration retryBackoff, int maxPending) {

    /**
     * The ingest gives an authoriser 10 s before it refuses a publish on its own; the hook's timeout stays
     * below that so that fail-open still decides.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(9);

    public WebhookSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("inlet.webhook.timeout-ms must be positive");
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("inlet.webhook.timeout-ms must be at most " + MAX_TIMEOUT.toMillis());
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("inlet.webhook.retries must be between 0 and 10");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("inlet.webhook.max-pending must be positive");
        }
    }

    /** No hooks: the defaults of every other setting. */
    public static WebhookSettings none() {
        return new WebhookSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofMillis(2000), false, 3, Duration.ofSeconds(1), 1000);
    }

    /** on_unpublish, on_stop and on_record_done: sent after the fact, retried. */
    public boolean anyNotification() {
        return onUnpublish.isPresent() || onStop.isPresent() || onRecordDone.isPresent();
    }

    public boolean anyHook() {
        return onPublish.isPresent() || onPlay.isPresent() || anyNotification();
    }
}
