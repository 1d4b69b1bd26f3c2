package dev.inlet.api.webhook;

import dev.inlet.events.PlayerConnected;
import dev.inlet.events.PlayerDisconnected;
import dev.inlet.events.PublisherDisconnected;
import dev.inlet.core.PublishAttempt;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies of the four hooks. Never carries a stream key: only its first characters. */
final class WebhookPayloads {

    private WebhookPayloads() {
    }

    static String onPublish(PublishAttempt attempt, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "on_publish");
        body.put("stream", attempt.streamCode());
        body.put("priority", attempt.priority());
        body.put("keyPrefix", attempt.keyPrefix());
        body.put("remoteAddress", attempt.remoteAddress());
        body.put("app", attempt.app());
        body.put("tcUrl", attempt.tcUrl());
        body.put("flashVer", attempt.flashVer());
        body.put("at", at.toString());
        return JsonText.object(body);
    }

    static String onUnpublish(PublisherDisconnected event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "on_unpublish");
        body.put("stream", event.streamCode());
        body.put("priority", event.priority());
        body.put("sessionId", event.sessionId());
        body.put("remoteAddress", event.remoteAddress());
        body.put("reason", event.reason());
        body.put("error", event.error());
        body.put("bytesIn", event.bytesIn());
        body.put("messagesIn", event.messagesIn());
        body.put("at", event.at().toString());
        return JsonText.object(body);
    }

    static String onPlay(PlayerConnected event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "on_play");
        body.put("stream", event.streamCode());
        body.put("sessionId", event.sessionId());
        body.put("remoteAddress", event.remoteAddress());
        body.put("app", event.app());
        body.put("flashVer", event.flashVer());
        body.put("at", event.at().toString());
        return JsonText.object(body);
    }

    static String onStop(PlayerDisconnected event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "on_stop");
        body.put("stream", event.streamCode());
        body.put("sessionId", event.sessionId());
        body.put("remoteAddress", event.remoteAddress());
        body.put("reason", event.reason());
        body.put("bytesSent", event.bytesSent());
        body.put("framesSkipped", event.framesSkipped());
        body.put("at", event.at().toString());
        return JsonText.object(body);
    }
}
