package dev.inlet.api.recordings;

import dev.inlet.core.Registry;
import dev.inlet.events.RecordingDeleted;
import dev.inlet.events.RecordingFailed;
import dev.inlet.events.RecordingFinished;
import dev.inlet.events.RecordingStarted;
import dev.inlet.ingest.ContainerResources;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.recording.RecordingInfo;
import dev.inlet.recording.RecordingListener;
import dev.inlet.recording.RecordingSettings;
import dev.inlet.recording.Recordings;
import dev.inlet.recording.Retention;
import dev.inlet.registry.DatabaseRecordingCatalog;
import dev.inlet.registry.DatabaseRegistry;
import dev.inlet.registry.JtaCatalogTransactions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's recordings: their settings from MicroProfile Config, the {@link Recordings} of this node on the
 * stream core and the database catalog, and the bridge from what they do to CDI events (synchronous and
 * asynchronous observers alike, as for ingest). Settings (defaults in brackets): {@code inlet.recording.dir}
 * [{@code <data dir>/recordings}], {@code inlet.recording.default} [false], {@code inlet.recording.fragment-ms}
 * [1000], {@code inlet.recording.max-age-hours} [none], {@code inlet.recording.max-bytes-per-stream} [none],
 * {@code inlet.recording.retention-period-seconds} [60], {@code inlet.recording.max-queued-bytes} [32 MiB per
 * recording] and {@code inlet.recording.max-queued-bytes-total} [256 MiB]. Started with the web module ({@link RecordingsStarter}); stopped and joined on undeploy, after each recording is finalised.
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class.getName());

    @Inject
    RtmpServer server;
    @Inject
    Registry registry;
    @Inject
    Config config;
    @Inject
    ThreadFactory threadFactory;
    @Inject
    JtaCatalogTransactions transactions;
    @Inject
    Event<Object> events;

    private Recordings recordings;
    private java.util.concurrent.ScheduledFuture<?> retention;
    private boolean stopped;

    /** The node's recordings, started on first use. */
    public synchronized Recordings recordings() {
        if (stopped) {
            throw new IllegalStateException("recordings have stopped: the application is being undeployed");
        }
        if (recordings == null) {
            // the catalog's bean (and its persistence context) is created here, on a container thread: the
            // recordings' own threads use it later but could not look up its resources to create it
            transactions.inTransaction(em -> null);
            RecordingSettings settings = settings();
            recordings = new Recordings(server.core(), new DatabaseRecordingCatalog(transactions), settings,
                    new EventBridge(settings.directory()), Clock.systemUTC(), threadFactory);
            java.util.concurrent.ScheduledExecutorService managed = ContainerResources.managedScheduler().orElse(null);
            if (managed != null) {
                // retention is scheduled by the container; it runs on the recordings' housekeeping thread
                recordings.start(false);
                long period = settings.retentionPeriod().toMillis();
                Recordings started = recordings;
                retention = managed.scheduleWithFixedDelay(started::requestRetention, period, period,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                recordings.start(true);
            }
            LOG.log(Level.INFO, "recordings go to {0}{1}", new Object[]{settings.directory(),
                    settings.recordByDefault() ? " (every stream is recorded unless its policy says otherwise)" : ""});
        }
        return recordings;
    }

    /** For the metrics: what the recordings did so far (zeros before the start and once stopped). */
    public synchronized Recordings.Failures failures() {
        return recordings == null ? new Recordings.Failures(0, 0, 0) : recordings.failures();
    }

    public synchronized int activeCount() {
        return recordings == null ? 0 : recordings.activeCount();
    }

    public synchronized long queuedBytes() {
        return recordings == null ? 0 : recordings.queuedBytes();
    }

    public synchronized long deletedByRetention() {
        return recordings == null ? 0 : recordings.deletedByRetention();
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (retention != null) {
            retention.cancel(false);
            retention = null;
        }
        if (recordings != null) {
            recordings.close();
            recordings = null;
        }
    }

    RecordingSettings settings() {
        String node = registry instanceof DatabaseRegistry database ? database.nodeId()
                : config.getOptionalValue("inlet.registry.node-id", String.class).orElse("local");
        RecordingSettings d = RecordingSettings.defaults(defaultDirectory(), node);
        Duration maxAge = config.getOptionalValue("inlet.recording.max-age-hours", Long.class)
                .filter(hours -> hours > 0).map(Duration::ofHours).orElse(null);
        long maxBytes = config.getOptionalValue("inlet.recording.max-bytes-per-stream", Long.class).orElse(0L);
        return new RecordingSettings(
                config.getOptionalValue("inlet.recording.dir", String.class).filter(s -> !s.isBlank())
                        .map(Path::of).orElse(d.directory()),
                config.getOptionalValue("inlet.recording.default", Boolean.class).orElse(false),
                config.getOptionalValue("inlet.recording.fragment-ms", Long.class).orElse(d.fragmentMs()),
                config.getOptionalValue("inlet.recording.max-queued-bytes", Long.class).orElse(d.maxQueuedBytesPerRecording()),
                config.getOptionalValue("inlet.recording.max-queued-bytes-total", Long.class).orElse(d.maxQueuedBytesTotal()),
                new Retention(maxAge, maxBytes),
                Duration.ofSeconds(config.getOptionalValue("inlet.recording.retention-period-seconds", Long.class)
                        .orElse(d.retentionPeriod().toSeconds())),
                node);
    }

    /**
     * {@code <data dir>/recordings}: the launcher's data directory, else the server instance's own (Payara's instance
     * root, WildFly's data directory), else {@code ~/.inlet}.
     */
    private Path defaultDirectory() {
        Optional<String> dataDir = config.getOptionalValue("inlet.data-dir", String.class);
        if (dataDir.isPresent()) {
            return Path.of(dataDir.get(), "recordings");
        }
        String wildFly = System.getProperty("jboss.server.data.dir");
        if (wildFly != null) {
            return Path.of(wildFly, "inlet", "recordings");
        }
        String payara = System.getProperty("com.sun.aas.instanceRoot");
        if (payara != null) {
            return Path.of(payara, "inlet", "recordings");
        }
        return Path.of(System.getProperty("user.home"), ".inlet", "recordings");
    }

    private void fire(Object event) {
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of " + event.getClass().getSimpleName() + " failed", e);
        }
        events.fireAsync(event);
    }

    /** What the recordings do, as CDI events. */
    private final class EventBridge implements RecordingListener {
        private final Path directory;

        EventBridge(Path directory) {
            this.directory = directory;
        }

        @Override
        public void started(RecordingInfo recording) {
            fire(new RecordingStarted(recording.id(), recording.stream(), recording.file(), recording.started()));
        }

        @Override
        public void finished(RecordingInfo recording) {
            String path = directory.resolve(recording.file()).toString();
            fire(new RecordingFinished(recording.id(), recording.stream(), recording.state().label(), path, recording.durationMs(),
                    recording.bytes(), recording.codecs(), recording.width(), recording.height(), recording.started(),
                    recording.ended() != null ? recording.ended() : Instant.now()));
        }

        @Override
        public void failed(RecordingInfo recording, String reason) {
            fire(new RecordingFailed(recording.id(), recording.stream(), reason, Instant.now()));
        }

        @Override
        public void deleted(RecordingInfo recording, String why) {
            fire(new RecordingDeleted(recording.id(), recording.stream(), why, Instant.now()));
        }

    }
}
