package dev.inlet.api.webhook;

import dev.inlet.core.PlayAttempt;
import dev.inlet.events.PlayerDisconnected;
import dev.inlet.events.PublisherDisconnected;
import dev.inlet.events.RecordingFinished;
import dev.inlet.core.PublishAttempt;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * The JSON bodies of the five hooks, one record each, written by {@link WebhookJson}. The property order is
 * the documented one (README, Webhooks), not JSON-B's default alphabetical order. Never carries a stream
 * key: only its first characters.
 */
final class WebhookPayloads {

    private WebhookPayloads() {
    }

    @JsonbPropertyOrder({"event", "stream", "priority", "keyPrefix", "remoteAddress", "app", "tcUrl", "flashVer", "at"})
    record OnPublish(String event, String stream, int priority, String keyPrefix, String remoteAddress, String app,
                     String tcUrl, String flashVer, Instant at) {
    }

    @JsonbPropertyOrder({"event", "stream", "priority", "sessionId", "remoteAddress", "reason", "error", "bytesIn",
            "messagesIn", "at"})
    record OnUnpublish(String event, String stream, int priority, String sessionId, String remoteAddress,
                       String reason, String error, long bytesIn, long messagesIn, Instant at) {
    }

    @JsonbPropertyOrder({"event", "stream", "sessionId", "remoteAddress", "app", "flashVer", "protocol",
            "tokenPresented", "at"})
    record OnPlay(String event, String stream, String sessionId, String remoteAddress, String app, String flashVer,
                  String protocol, boolean tokenPresented, Instant at) {
    }

    @JsonbPropertyOrder({"event", "stream", "sessionId", "remoteAddress", "reason", "bytesSent", "framesSkipped", "at"})
    record OnStop(String event, String stream, String sessionId, String remoteAddress, String reason, long bytesSent,
                  long framesSkipped, Instant at) {
    }

    @JsonbPropertyOrder({"event", "stream", "recordingId", "state", "path", "durationMs", "bytes", "codecs", "width",
            "height", "startedAt", "at"})
    record OnRecordDone(String event, String stream, String recordingId, String state, String path, long durationMs,
                        long bytes, String codecs, int width, int height, Instant startedAt, Instant at) {
    }

    static String onRecordDone(RecordingFinished event) {
        return WebhookJson.write(new OnRecordDone("on_record_done", event.streamCode(), event.recordingId(),
                event.state(), event.path(), event.durationMs(), event.bytes(), event.codecs(), event.width(),
                event.height(), event.startedAt(), event.at()));
    }

    static String onPublish(PublishAttempt attempt, Instant at) {
        return WebhookJson.write(new OnPublish("on_publish", attempt.streamCode(), attempt.priority(),
                attempt.keyPrefix(), attempt.remoteAddress(), attempt.app(), attempt.tcUrl(), attempt.flashVer(), at));
    }

    static String onUnpublish(PublisherDisconnected event) {
        return WebhookJson.write(new OnUnpublish("on_unpublish", event.streamCode(), event.priority(),
                event.sessionId(), event.remoteAddress(), event.reason(), event.error(), event.bytesIn(),
                event.messagesIn(), event.at()));
    }

    static String onPlay(PlayAttempt attempt, Instant at) {
        return WebhookJson.write(new OnPlay("on_play", attempt.streamCode(), attempt.sessionId(), attempt.remoteAddress(),
                attempt.app(), attempt.client(), attempt.protocol(), attempt.tokenPresented(), at));
    }

    static String onStop(PlayerDisconnected event) {
        return WebhookJson.write(new OnStop("on_stop", event.streamCode(), event.sessionId(), event.remoteAddress(),
                event.reason(), event.bytesSent(), event.framesSkipped(), event.at()));
    }
}
