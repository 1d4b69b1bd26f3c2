package dev.inlet.api.webhook;

import dev.inlet.ingest.RtmpServer;
import dev.inlet.events.PlayerDisconnected;
import dev.inlet.events.PublishAuthorization;
import dev.inlet.events.PublisherDisconnected;
import dev.inlet.core.PublishAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
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
    @Inject
    RtmpServer server;

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

    /**
     * on_play is not an observer of {@code PlayAuthorization}: an observer, even one with nothing to ask, would
     * send every play through the managed executor. The hook is installed in the stream core once, when
     * configured, and asks without holding a thread.
     */
    void installPlayHook(@Observes @Initialized(ApplicationScoped.class) Object started) {
        webhooks.playHook().ifPresent(hook -> server.core().addPlayHook(hook.authorizer()));
    }

    void onRecordDone(@ObservesAsync dev.inlet.events.RecordingFinished event) {
        webhooks.notify(webhooks.settings().onRecordDone(), "on_record_done", () -> WebhookPayloads.onRecordDone(event));
    }

    void onStop(@ObservesAsync PlayerDisconnected event) {
        webhooks.notify(webhooks.settings().onStop(), "on_stop", () -> WebhookPayloads.onStop(event));
    }
}
