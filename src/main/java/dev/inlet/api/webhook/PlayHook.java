package dev.inlet.api.webhook;

import dev.inlet.core.PlayAttempt;
import dev.inlet.core.PlayAuthorizer;

import java.net.URI;
import java.time.Clock;

/**
 * The {@code on_play} hook: asks the receiver whether a reader (of any protocol) may play, before it is admitted
 * (see {@link DecidingHook}). The player receives the receiver's reason in {@code NetStream.Play.Failed}, or in a
 * 403 problem document over HTTP. Fail-open or fail-closed as configured for on_publish.
 */
public final class PlayHook {

    static final String EVENT = "on_play";
    static final String UNAVAILABLE = "play authorisation unavailable, try again later";

    private final DecidingHook hook;
    private final Clock clock;

    public PlayHook(URI url, WebhookClient client, boolean failOpen, Clock clock) {
        this.hook = new DecidingHook(url, EVENT, "play", UNAVAILABLE, client, failOpen);
        this.clock = clock;
    }

    /**
     * This hook as the stream core's play authoriser: asks without holding a thread (the HTTP client's answer
     * completes the stage), so a crowd of joins never waits for a free worker.
     */
    public PlayAuthorizer authorizer() {
        return attempt -> hook.ask(WebhookPayloads.onPlay(attempt, clock.instant()), attempt.streamCode());
    }
}
