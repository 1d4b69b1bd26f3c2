package dev.inlet.api.webhook;

import dev.inlet.core.PublishAttempt;
import dev.inlet.core.PublishAuthorizer;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code on_publish} hook: asks the receiver whether a publish may start. A 2xx answer allows it;
 * any other status denies it, with the answer's reason (a JSON {@code {"reason": "…"}} or a plain-text
 * body) passed on to the encoder. When the receiver cannot be reached in time, the publish is allowed
 * (fail-open) or denied (fail-closed) as configured.
 */
public final class PublishHook {

    static final String EVENT = "on_publish";
    static final int MAX_REASON_CHARS = 200;
    static final String UNAVAILABLE = "publish authorisation unavailable, try again later";

    private static final Logger LOG = Logger.getLogger(PublishHook.class.getName());

    private final URI url;
    private final WebhookClient client;
    private final boolean failOpen;
    private final Clock clock;

    public PublishHook(URI url, WebhookClient client, boolean failOpen, Clock clock) {
        this.url = url;
        this.client = client;
        this.failOpen = failOpen;
        this.clock = clock;
    }

    /**
     * Asks the receiver and waits for its answer (at most the client's timeout): call it on a worker
     * thread, never on an I/O thread. Empty allows the publish; a value is the reason to deny it.
     */
    public Optional<String> decide(PublishAttempt attempt) {
        String body = WebhookPayloads.onPublish(attempt, clock.instant());
        WebhookResponse response;
        try {
            response = client.post(url, EVENT, UUID.randomUUID().toString(), body).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(attempt, e);
        } catch (ExecutionException | CompletionException e) {
            return unreachable(attempt, e.getCause());
        }
        if (response.isSuccess()) {
            return Optional.empty();
        }
        return Optional.of(reasonOf(response));
    }

    /** Runs {@link #decide} on {@code executor}: what {@code RtmpServer.setPublishAuthorizer} takes. */
    public PublishAuthorizer authorizer(Executor executor) {
        return attempt -> CompletableFuture.supplyAsync(() -> decide(attempt), executor);
    }

    private Optional<String> unreachable(PublishAttempt attempt, Throwable failure) {
        LOG.log(Level.WARNING, "on_publish hook {0} unreachable for stream {1} ({2}); publish {3}",
                new Object[]{url, attempt.streamCode(), String.valueOf(failure), failOpen ? "allowed (fail-open)" : "denied (fail-closed)"});
        return failOpen ? Optional.empty() : Optional.of(UNAVAILABLE);
    }

    /** The receiver's reason, made safe to send to an encoder: one line, printable, short. */
    static String reasonOf(WebhookResponse response) {
        return reasonOf(response, "publish refused by the on_publish hook");
    }

    /** As {@link #reasonOf(WebhookResponse)}, with {@code fallback} (and the status) when the receiver gave none. */
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
