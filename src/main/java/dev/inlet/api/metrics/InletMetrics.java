package dev.inlet.api.metrics;

import dev.inlet.events.FailoverSwitched;
import dev.inlet.ingest.RtmpServer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's Prometheus registry: created with the application, refreshed from the RTMP server
 * once a second, closed when the application is undeployed.
 */
@ApplicationScoped
public class InletMetrics {

    private static final Logger LOG = Logger.getLogger(InletMetrics.class.getName());

    @Inject
    RtmpServer server;
    @Inject
    ThreadFactory threadFactory;
    @Inject
    dev.inlet.api.hls.HlsService hls;
    @Inject
    dev.inlet.api.recordings.RecordingService recordings;
    @Inject
    dev.inlet.api.relays.RelayService relays;
    @Inject
    dev.inlet.api.cluster.ClusterService cluster;

    private PrometheusMeterRegistry registry;
    private IngestMeters meters;
    private ScheduledExecutorService poller;

    @PostConstruct
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        meters = new IngestMeters(registry, IngestMetricsSource.of(server));
        bindHls();
        bindRecordings();
        bindEdgePulls();
        poller = Executors.newSingleThreadScheduledExecutor(threadFactory);
        poller.scheduleAtFixedRate(this::refresh, 1, 1, TimeUnit.SECONDS);
    }

    /** HLS: streams muxed, viewer sessions, and the media bytes all windows hold (bounded per stream). */
    private void bindHls() {
        io.micrometer.core.instrument.Gauge.builder("inlet.hls.streams", hls, dev.inlet.api.hls.HlsService::outputCount)
                .description("Streams with an HLS output now").register(registry);
        io.micrometer.core.instrument.Gauge.builder("inlet.hls.viewers", hls, dev.inlet.api.hls.HlsService::viewerCount)
                .description("HLS viewer sessions open now").register(registry);
        io.micrometer.core.instrument.Gauge.builder("inlet.hls.window.bytes", hls, dev.inlet.api.hls.HlsService::bytesHeld)
                .description("Media bytes held by the HLS windows of all streams").baseUnit("bytes").register(registry);
    }

    /** Recordings: being written, bytes waiting for the disk, failures by reason, deletions by retention. */
    private void bindRecordings() {
        io.micrometer.core.instrument.Gauge.builder("inlet.recording.active", recordings,
                        dev.inlet.api.recordings.RecordingService::activeCount)
                .description("Recordings being written now").register(registry);
        io.micrometer.core.instrument.Gauge.builder("inlet.recording.queued.bytes", recordings,
                        dev.inlet.api.recordings.RecordingService::queuedBytes)
                .description("Recording bytes waiting for the disk, all recordings together").baseUnit("bytes")
                .register(registry);
        failures("disk_slow", r -> r.failures().diskSlow());
        failures("write_error", r -> r.failures().writeError());
        failures("other", r -> r.failures().other());
        io.micrometer.core.instrument.Gauge.builder("inlet.relays.active", relays, dev.inlet.api.relays.RelayService::activeCount)
                .description("Relays (restreams) pushing or trying to now").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("inlet.relay.failures", relays,
                        dev.inlet.api.relays.RelayService::failures)
                .description("Relay connections or publishes that failed (each failed retry counts)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("inlet.recording.retention.deletions", recordings,
                        r -> r.deletedByRetention())
                .description("Recordings deleted by retention").register(registry);
    }

    /** Play anywhere: streams pulled from other nodes of the cluster now, and pulls that failed. */
    private void bindEdgePulls() {
        io.micrometer.core.instrument.Gauge.builder("inlet.edge.pulls", cluster,
                        dev.inlet.api.cluster.ClusterService::edgePullCount)
                .description("Streams this node pulls from other nodes of the cluster now").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("inlet.edge.pull.failures", cluster,
                        dev.inlet.api.cluster.ClusterService::edgePullFailures)
                .description("Pulls from other nodes that could not connect, were refused or broke").register(registry);
    }

    private void failures(String reason, java.util.function.ToDoubleFunction<dev.inlet.api.recordings.RecordingService> count) {
        io.micrometer.core.instrument.FunctionCounter.builder("inlet.recording.failures", recordings, count)
                .tag("reason", reason)
                .description("Recordings stopped early, by reason: a disk too slow, a write error (a full disk), other")
                .register(registry);
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        registry.close();
    }

    /** A switch is rare: counting it as it happens costs nothing worth polling for. */
    void onFailover(@Observes FailoverSwitched event) {
        meters.failover(event.streamCode(), event.reason());
    }

    /** Writes every meter in the Prometheus text format. */
    public void scrape(OutputStream out) throws IOException {
        refresh();
        registry.scrape(out, contentType());
    }

    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void refresh() {
        try {
            meters.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refreshing the metrics failed", e);
        }
    }
}
