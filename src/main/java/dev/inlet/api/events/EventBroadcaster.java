package dev.inlet.api.events;

import dev.inlet.api.JsonMapping;
import dev.inlet.events.FailoverSwitched;
import dev.inlet.events.PlayerConnected;
import dev.inlet.events.PlayerDisconnected;
import dev.inlet.events.PublisherConnected;
import dev.inlet.events.PublisherDisconnected;
import dev.inlet.events.RecordingDeleted;
import dev.inlet.events.RecordingFailed;
import dev.inlet.events.RecordingFinished;
import dev.inlet.events.RecordingStarted;
import dev.inlet.events.StreamStateChanged;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.json.bind.Jsonb;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays what happens on the RTMP server to every {@code GET /api/v1/events} subscriber as server-sent events:
 * {@code publish}, {@code unpublish}, {@code play}, {@code stop}, {@code state}, {@code failover} and the
 * {@code recording-started}, {@code -finished}, {@code -failed}, {@code -deleted} and {@code relay} events, each with the
 * CDI event as JSON data. Fed by asynchronous observers, so a slow subscriber never holds up ingest.
 */
@ApplicationScoped
public class EventBroadcaster {

    private static final Logger LOG = Logger.getLogger(EventBroadcaster.class.getName());

    private final Jsonb json = JsonMapping.create();
    private Sse sse;
    private SseBroadcaster broadcaster;

    /** Adds a subscriber; the first one brings the runtime's {@link Sse} the broadcaster is made from. */
    public synchronized void subscribe(SseEventSink sink, Sse runtime) {
        if (broadcaster == null) {
            sse = runtime;
            broadcaster = runtime.newBroadcaster();
            broadcaster.onError((failed, error) -> LOG.log(Level.FINE, "an SSE subscriber failed", error));
        }
        broadcaster.register(sink);
        // Commits the response so the subscriber knows it is connected before the first event.
        sink.send(sse.newEventBuilder().comment("subscribed to Inlet events").build());
    }

    void onPublish(@ObservesAsync PublisherConnected event) {
        send(EventNames.PUBLISH, event);
    }

    void onUnpublish(@ObservesAsync PublisherDisconnected event) {
        send(EventNames.UNPUBLISH, event);
    }

    void onPlay(@ObservesAsync PlayerConnected event) {
        send(EventNames.PLAY, event);
    }

    void onStop(@ObservesAsync PlayerDisconnected event) {
        send(EventNames.STOP, event);
    }

    void onStateChange(@ObservesAsync StreamStateChanged event) {
        send(EventNames.STATE, event);
    }

    void onFailover(@ObservesAsync FailoverSwitched event) {
        send(EventNames.FAILOVER, event);
    }

    void onRecordingStarted(@ObservesAsync RecordingStarted event) {
        send(EventNames.RECORDING_STARTED, event);
    }

    void onRecordingFinished(@ObservesAsync RecordingFinished event) {
        send(EventNames.RECORDING_FINISHED, event);
    }

    void onRecordingFailed(@ObservesAsync RecordingFailed event) {
        send(EventNames.RECORDING_FAILED, event);
    }

    void onRecordingDeleted(@ObservesAsync RecordingDeleted event) {
        send(EventNames.RECORDING_DELETED, event);
    }

    void onRelay(@ObservesAsync dev.inlet.events.RelayStateChanged event) {
        send(EventNames.RELAY, event);
    }

    private synchronized void send(String name, Object event) {
        if (broadcaster == null) {
            return;
        }
        OutboundSseEvent outbound = sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, json.toJson(event)).build();
        broadcaster.broadcast(outbound);
    }

    @PreDestroy
    synchronized void close() {
        if (broadcaster != null) {
            broadcaster.close();
        }
        try {
            json.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B", e);
        }
    }
}
