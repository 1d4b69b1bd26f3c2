package dev.inlet.api.webhook;

import dev.inlet.core.PublishAttempt;
import dev.inlet.core.PublishAuthorizer;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The {@code on_publish} hook: asks the receiver whether a publish may start (see {@link DecidingHook}); the
 * receiver's reason is passed on to the encoder in {@code NetStream.Publish.BadName}.
 */
public final class PublishHook {

    static final String EVENT = "on_publish";
    static final int MAX_REASON_CHARS = DecidingHook.MAX_REASON_CHARS;
    static final String UNAVAILABLE = "publish authorisation unavailable, try again later";

    private final DecidingHook hook;
    private final Clock clock;

    public PublishHook(URI url, WebhookClient client, boolean failOpen, Clock clock) {
        this.hook = new DecidingHook(url, EVENT, "publish", UNAVAILABLE, client, failOpen);
        this.clock = clock;
    }

    /**
     * Asks the receiver and waits for its answer (at most the client's timeout): call it on a worker
     * thread, never on an I/O thread. Empty allows the publish; a value is the reason to deny it.
     */
    public Optional<String> decide(PublishAttempt attempt) {
        return hook.decide(WebhookPayloads.onPublish(attempt, clock.instant()), attempt.streamCode());
    }

    /** Runs {@link #decide} on {@code executor}: what {@code RtmpServer.setPublishAuthorizer} takes. */
    public PublishAuthorizer authorizer(Executor executor) {
        return attempt -> CompletableFuture.supplyAsync(() -> decide(attempt), executor);
    }

    /** The receiver's reason, made safe to send to an encoder: one line, printable, short. */
    static String reasonOf(WebhookResponse response) {
        return DecidingHook.reasonOf(response, "publish refused by the on_publish hook");
    }
}
