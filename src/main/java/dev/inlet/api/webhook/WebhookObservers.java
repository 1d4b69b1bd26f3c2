package dev.inlet.api.webhook;

import dev.inlet.core.PlayAttempt;
import dev.inlet.events.PlayAuthorization;
import dev.inlet.events.PlayerDisconnected;
import dev.inlet.events.PublishAuthorization;
import dev.inlet.events.PublisherDisconnected;
import dev.inlet.core.PublishAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Connects the hooks to Inlet's CDI events. The authorisation events already run on a managed worker
 * thread (never the RTMP I/O thread) and the notifications are asynchronous observers, so no RTMP
 * connection ever waits for a receiver except the encoder whose publish is being decided.
 */
@ApplicationScoped
public class WebhookObservers {

    @Inject
    Webhooks webhooks;

    void onPublish(@Observes PublishAuthorization question) {
        if (question.isDenied()) {
            return; // another rule already refused: no need to ask the receiver
        }
        webhooks.publishHook().ifPresent(hook -> hook.decide(new PublishAttempt(question.streamCode(),
                question.priority(), question.keyPrefix(), question.remoteAddress(), question.app(), question.tcUrl(),
                question.flashVer())).ifPresent(question::deny));
    }

    void onUnpublish(@ObservesAsync PublisherDisconnected event) {
        webhooks.notify(webhooks.settings().onUnpublish(), "on_unpublish", () -> WebhookPayloads.onUnpublish(event));
    }

    /** Runs on the managed executor, like on_publish: the reader waits for the receiver, no connection does. */
    void onPlay(@Observes PlayAuthorization question) {
        if (question.isDenied()) {
            return; // another rule already refused
        }
        webhooks.playHook().ifPresent(hook -> hook.decide(new PlayAttempt(question.protocol(), question.streamCode(),
                question.sessionId(), question.remoteAddress(), question.app(), question.client(),
                question.tokenPresented())).ifPresent(question::deny));
    }

    void onStop(@ObservesAsync PlayerDisconnected event) {
        webhooks.notify(webhooks.settings().onStop(), "on_stop", () -> WebhookPayloads.onStop(event));
    }
}
