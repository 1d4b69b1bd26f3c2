package dev.inlet.api.metrics;

import dev.inlet.hub.HubStats;
import dev.inlet.core.LiveStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Inlet's meters, read by polling the ingest ({@link #refresh()}, once a second and before each scrape)
 * so that the packet path pays nothing for them: the hub counts bytes and frames anyway.
 *
 * <p>In Prometheus: {@code inlet_received_bytes_total{stream}}, {@code inlet_received_messages_total{stream}},
 * {@code inlet_frames_skipped_total{stream}}, {@code inlet_slow_player_disconnects_total{stream}},
 * {@code inlet_stream_players{stream}}, {@code inlet_players}, {@code inlet_publishers},
 * {@code inlet_failovers_total{stream,reason}}, {@code inlet_handshake_failures_total{reason}},
 * {@code inlet_connections_closed_total{reason}}, {@code inlet_rejects_total{reason}}, and the SRT inputs'
 * {@code inlet_srt_*{stream}} ({@link SrtMeters}).
 */
public final class IngestMeters {

    static final String HANDSHAKE_FAILED = "handshake_failed";
    static final String HANDSHAKE_TIMEOUT = "handshake_timeout";

    private final MeterRegistry registry;
    private final IngestMetricsSource source;
    private final StreamTotals bytes = new StreamTotals();
    private final StreamTotals messages = new StreamTotals();
    private final StreamTotals framesSkipped = new StreamTotals();
    private final StreamTotals slowDisconnects = new StreamTotals();
    private final SrtMeters srt;
    private final Map<String, Integer> streamPlayers = new ConcurrentHashMap<>();
    private final Set<String> closeReasonsSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> rejectReasonsSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> closeKindsSeen = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> closeReasons = Map.of();
    private volatile Map<String, Long> closeKinds = Map.of();
    private volatile Map<String, Long> rejectReasons = Map.of();

    public IngestMeters(MeterRegistry registry, IngestMetricsSource source) {
        this.registry = registry;
        this.source = source;
        this.srt = new SrtMeters(registry);
        Gauge.builder("inlet.players", source, IngestMetricsSource::players)
                .description("Players connected").register(registry);
        Gauge.builder("inlet.publishers", source, IngestMetricsSource::publishers)
                .description("Encoders publishing").register(registry);
        Gauge.builder("inlet.rtmp.partial.message.bytes", source, IngestMetricsSource::partialMessageBytes)
                .description("Bytes held in RTMP messages still arriving, over every connection")
                .baseUnit("bytes").register(registry);
        for (String reason : List.of(HANDSHAKE_FAILED, HANDSHAKE_TIMEOUT)) {
            FunctionCounter.builder("inlet.handshake.failures", this, m -> m.closeReasons.getOrDefault(reason, 0L))
                    .description("RTMP handshakes that failed or did not finish in time")
                    .tag("reason", reason).register(registry);
        }
        refresh();
    }

    /** Reads the ingest's counters and registers meters for streams and reasons seen for the first time. */
    public synchronized void refresh() {
        Set<String> live = new HashSet<>();
        for (LiveStream stream : source.liveStreams()) {
            String code = stream.streamCode();
            HubStats stats = stream.stats();
            live.add(code);
            if (!streamPlayers.containsKey(code)) {
                registerStream(code);
            }
            bytes.observe(code, stats.bytesIn());
            messages.observe(code, stats.framesIn());
            framesSkipped.observe(code, stats.framesSkipped());
            slowDisconnects.observe(code, stats.slowDisconnects());
            streamPlayers.put(code, stats.subscribers());
        }
        for (StreamTotals totals : List.of(bytes, messages, framesSkipped, slowDisconnects)) {
            totals.keepOnly(live);
        }
        streamPlayers.replaceAll((code, players) -> live.contains(code) ? players : 0);
        srt.refresh(source.publisherViews());

        closeReasons = source.closeReasons();
        rejectReasons = source.rejectReasons();
        for (String reason : closeReasons.keySet()) {
            if (closeReasonsSeen.add(reason)) {
                FunctionCounter.builder("inlet.connections.closed", this, m -> m.closeReasons.getOrDefault(reason, 0L))
                        .description("RTMP connections closed by Inlet, per reason (protocol errors, timeouts, slow peers)")
                        .tag("reason", reason).register(registry);
            }
        }
        closeKinds = source.closeKinds();
        for (String kind : closeKinds.keySet()) {
            if (closeKindsSeen.add(kind)) {
                FunctionCounter.builder("inlet.connections.closes", this, m -> m.closeKinds.getOrDefault(kind, 0L))
                        .description("Connections closed by Inlet, per kind: aborted (queue dropped, socket reset)"
                                + " or after_flush (a final status written first, within a bound)")
                        .tag("kind", kind).register(registry);
            }
        }
        for (String reason : rejectReasons.keySet()) {
            if (rejectReasonsSeen.add(reason)) {
                FunctionCounter.builder("inlet.rejects", this, m -> m.rejectReasons.getOrDefault(reason, 0L))
                        .description("Publishes and plays refused, per reason").tag("reason", reason).register(registry);
            }
        }
    }

    /** Counts one switch of a stream's players to another input. */
    public void failover(String stream, String reason) {
        Counter.builder("inlet.failovers").description("Failover switches between a stream's inputs")
                .tag("stream", stream).tag("reason", reason == null ? "unknown" : reason)
                .register(registry).increment();
    }

    private void registerStream(String code) {
        streamPlayers.put(code, 0);
        streamCounter("inlet.received.bytes", "Bytes of audio, video and data received from publishers", code,
                bytes::total);
        streamCounter("inlet.received.messages", "Audio, video and data messages received from publishers", code,
                messages::total);
        streamCounter("inlet.frames.skipped", "Frames not sent to players that were behind (skipped to a keyframe)",
                code, framesSkipped::total);
        streamCounter("inlet.slow.player.disconnects", "Players disconnected for staying behind the live stream", code,
                slowDisconnects::total);
        Gauge.builder("inlet.stream.players", streamPlayers, players -> players.getOrDefault(code, 0))
                .description("Players of the stream").tag("stream", code).register(registry);
    }

    private void streamCounter(String name, String description, String code, ToLongFunction<String> total) {
        FunctionCounter.builder(name, this, m -> total.applyAsLong(code))
                .description(description).tag("stream", code).register(registry);
    }
}
