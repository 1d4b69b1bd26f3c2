package dev.inlet.api.webhook;

import dev.inlet.core.PlayAttempt;
import dev.inlet.core.PlayAuthorizer;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code on_play} hook: asks the receiver whether a reader (of any protocol) may play, before it is admitted.
 * A 2xx answer allows it; any other status denies it with the answer's reason (JSON {@code {"reason": "…"}} or
 * plain text), which the player receives ({@code NetStream.Play.Failed}, or a 403 problem document over HTTP).
 * An unreachable receiver allows (fail-open) or denies (fail-closed) as configured for on_publish.
 */
public final class PlayHook {

    static final String EVENT = "on_play";
    static final String UNAVAILABLE = "play authorisation unavailable, try again later";

    private static final Logger LOG = Logger.getLogger(PlayHook.class.getName());

    private final URI url;
    private final WebhookClient client;
    private final boolean failOpen;
    private final Clock clock;

    public PlayHook(URI url, WebhookClient client, boolean failOpen, Clock clock) {
        this.url = url;
        this.client = client;
        this.failOpen = failOpen;
        this.clock = clock;
    }

    /** Asks the receiver and waits (at most the client's timeout): on a worker thread only. Empty allows. */
    public Optional<String> decide(PlayAttempt attempt) {
        String body = WebhookPayloads.onPlay(attempt, clock.instant());
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
        return Optional.of(PublishHook.reasonOf(response, "play refused by the on_play hook"));
    }

    /**
     * This hook as the stream core's play authoriser: asks without holding a thread (the HTTP client's answer
     * completes the stage), so a crowd of joins never waits for a free worker.
     */
    public PlayAuthorizer authorizer() {
        return attempt -> client.post(url, EVENT, UUID.randomUUID().toString(),
                        WebhookPayloads.onPlay(attempt, clock.instant()))
                .handle((response, failure) -> failure != null ? unreachable(attempt, failure)
                        : response.isSuccess() ? Optional.<String>empty()
                        : Optional.of(PublishHook.reasonOf(response, "play refused by the on_play hook")));
    }

    private Optional<String> unreachable(PlayAttempt attempt, Throwable failure) {
        LOG.log(Level.WARNING, "on_play hook {0} unreachable for stream {1} ({2}); play {3}",
                new Object[]{url, attempt.streamCode(), String.valueOf(failure), failOpen ? "allowed (fail-open)" : "denied (fail-closed)"});
        return failOpen ? Optional.empty() : Optional.of(UNAVAILABLE);
    }
}
