package dev.inlet.api.webhook;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What on_publish and on_play share: POST the attempt, a 2xx answer allows, any other status denies with the
 * receiver's reason (a JSON {@code {"reason": "…"}} or the first line of a plain-text body), and a receiver that
 * cannot be reached in time allows (fail-open) or denies (fail-closed).
 */
final class DecidingHook {

    static final int MAX_REASON_CHARS = 200;

    private static final Logger LOG = Logger.getLogger(DecidingHook.class.getName());

    private final URI url;
    private final String event;
    /** What is decided, for log lines and the default refusal: "publish", "play". */
    private final String action;
    private final String unavailable;
    private final WebhookClient client;
    private final boolean failOpen;

    DecidingHook(URI url, String event, String action, String unavailable, WebhookClient client, boolean failOpen) {
        this.url = url;
        this.event = event;
        this.action = action;
        this.unavailable = unavailable;
        this.client = client;
        this.failOpen = failOpen;
    }

    /** Asks without holding a thread: the HTTP client's answer completes the stage; empty allows. */
    CompletableFuture<Optional<String>> ask(String body, String streamCode) {
        return client.post(url, event, UUID.randomUUID().toString(), body)
                .handle((response, failure) -> failure != null ? unreachable(streamCode, failure)
                        : response.isSuccess() ? Optional.<String>empty()
                        : Optional.of(reasonOf(response, action + " refused by the " + event + " hook")));
    }

    /** Asks and waits (at most the client's timeout): on a worker thread only. */
    Optional<String> decide(String body, String streamCode) {
        try {
            return ask(body, streamCode).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(streamCode, e);
        } catch (ExecutionException e) {
            return unreachable(streamCode, e.getCause());
        }
    }

    private Optional<String> unreachable(String streamCode, Throwable failure) {
        LOG.log(Level.WARNING, "{0} hook {1} unreachable for stream {2} ({3}); {4} {5}", new Object[]{event, url,
                streamCode, String.valueOf(failure), action, failOpen ? "allowed (fail-open)" : "denied (fail-closed)"});
        return failOpen ? Optional.empty() : Optional.of(unavailable);
    }

    /**
     * The receiver's reason, made safe to send to a client: one line, printable, short; {@code fallback} and the
     * status when it gave none.
     */
    static String reasonOf(WebhookResponse response, String fallback) {
        String body = response.body() == null ? "" : response.body().strip();
        String reason = body.startsWith("{") ? WebhookJson.stringField(body, "reason").orElse("") : body;
        reason = reason.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "").strip();
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS);
        }
        return reason.isEmpty() ? fallback + " (HTTP " + response.status() + ")" : reason;
    }
}
