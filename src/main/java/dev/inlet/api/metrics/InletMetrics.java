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
