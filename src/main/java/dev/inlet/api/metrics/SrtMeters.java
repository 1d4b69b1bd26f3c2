package dev.inlet.api.metrics;

import dev.inlet.core.PublisherView;
import dev.inlet.core.TransportStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The per-stream meters of SRT inputs, fed by {@link IngestMeters#refresh()} from libsrt's statistics of each SRT
 * publisher (read then, never on the packet path).
 *
 * <p>Counters ({@code inlet_srt_packets_received|lost|retransmitted|dropped_total{stream}}) add up every SRT publish
 * of the stream, inputs of all priorities, for as long as the application runs. Gauges ({@code inlet_srt_rtt_ms},
 * {@code inlet_srt_receive_buffer_ms}, {@code inlet_srt_receive_buffer_bytes}, {@code inlet_srt_receive_rate_mbps},
 * {@code inlet_srt_bandwidth_mbps}, all {@code {stream}}) show the stream's SRT input of the best priority and
 * disappear while the stream has none. Labels are stream codes, like the other per-stream meters.
 */
final class SrtMeters {

    static final String PROTOCOL = "srt";

    private final MeterRegistry registry;
    private final SessionTotals received = new SessionTotals();
    private final SessionTotals lost = new SessionTotals();
    private final SessionTotals retransmitted = new SessionTotals();
    private final SessionTotals dropped = new SessionTotals();
    private final Set<String> countedStreams = new HashSet<>();
    /** The reading each stream's gauges show; only streams with an SRT input now. */
    private final Map<String, TransportStats> current = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> gauges = new HashMap<>();

    SrtMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One poll: {@code publishers} are every live publisher, of every protocol. */
    void refresh(List<PublisherView> publishers) {
        Map<String, PublisherView> best = new HashMap<>();
        Set<String> liveSessions = new HashSet<>();
        for (PublisherView publisher : publishers) {
            if (!PROTOCOL.equals(publisher.protocol())) {
                continue;
            }
            TransportStats stats = publisher.transportStats().orElse(null);
            if (stats == null) {
                continue; // still in its handshake, or closed since the list was made
            }
            String stream = publisher.streamCode();
            String session = publisher.id();
            liveSessions.add(session);
            if (countedStreams.add(stream)) {
                registerCounters(stream);
            }
            received.observe(session, stream, stats.packetsReceived());
            lost.observe(session, stream, stats.packetsLost());
            retransmitted.observe(session, stream, stats.packetsRetransmitted());
            dropped.observe(session, stream, stats.packetsDropped());
            best.merge(stream, publisher, (a, b) -> a.priority() <= b.priority() ? a : b);
            if (best.get(stream) == publisher) {
                current.put(stream, stats);
            }
        }
        for (SessionTotals totals : List.of(received, lost, retransmitted, dropped)) {
            totals.keepOnly(liveSessions);
        }
        current.keySet().retainAll(best.keySet());
        for (String stream : best.keySet()) {
            gauges.computeIfAbsent(stream, this::registerGauges);
        }
        for (String gone : new ArrayList<>(gauges.keySet())) {
            if (!best.containsKey(gone)) {
                gauges.remove(gone).forEach(registry::remove);
            }
        }
    }

    private void registerCounters(String stream) {
        counter("inlet.srt.packets.received", "Data packets received from SRT publishers", stream, received);
        counter("inlet.srt.packets.lost", "Packets SRT publishers' connections found missing (most are then"
                + " retransmitted)", stream, lost);
        counter("inlet.srt.packets.retransmitted", "Packets SRT publishers sent again", stream, retransmitted);
        counter("inlet.srt.packets.dropped", "Packets from SRT publishers given up on as too late to play", stream,
                dropped);
    }

    private void counter(String name, String description, String stream, SessionTotals totals) {
        FunctionCounter.builder(name, totals, t -> t.total(stream))
                .description(description).tag("stream", stream).register(registry);
    }

    private List<Meter> registerGauges(String stream) {
        return List.of(
                gauge("inlet.srt.rtt.ms", "Round-trip time to the stream's SRT publisher", stream,
                        TransportStats::rttMillis),
                gauge("inlet.srt.receive.buffer.ms", "Time span received from the stream's SRT publisher and not"
                        + " yet delivered", stream, TransportStats::receiveBufferMillis),
                gauge("inlet.srt.receive.buffer.bytes", "Bytes received from the stream's SRT publisher and not"
                        + " yet delivered", stream, TransportStats::receiveBufferBytes),
                gauge("inlet.srt.receive.rate.mbps", "Current receiving rate from the stream's SRT publisher",
                        stream, TransportStats::receiveRateMbps),
                gauge("inlet.srt.bandwidth.mbps", "libsrt's estimate of the link bandwidth to the stream's SRT"
                        + " publisher", stream, TransportStats::bandwidthMbps));
    }

    private Meter gauge(String name, String description, String stream, ToDoubleFunction<TransportStats> value) {
        return Gauge.builder(name, current, readings -> {
            TransportStats stats = readings.get(stream);
            return stats == null ? Double.NaN : value.applyAsDouble(stats);
        }).description(description).tag("stream", stream).register(registry);
    }

    /** Counters of sessions that each only grow, summed per stream into totals that outlive the sessions. */
    static final class SessionTotals {

        private final Map<String, Long> lastSeen = new HashMap<>();
        private final Map<String, Long> totals = new ConcurrentHashMap<>();

        void observe(String session, String stream, long current) {
            Long last = lastSeen.put(session, current);
            long added = last == null ? current : Math.max(0, current - last);
            totals.merge(stream, added, Long::sum);
        }

        /** Sessions that ended: forgotten (their counts stay in the totals). */
        void keepOnly(Set<String> liveSessions) {
            lastSeen.keySet().retainAll(liveSessions);
        }

        long total(String stream) {
            return totals.getOrDefault(stream, 0L);
        }
    }
}
