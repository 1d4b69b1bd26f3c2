package dev.inlet.api.relays;

import dev.inlet.events.RelayStateChanged;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.registry.DatabaseRelayCatalog;
import dev.inlet.registry.JtaCatalogTransactions;
import dev.inlet.relay.KeySeal;
import dev.inlet.relay.Relays;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's relays (restream): the {@link Relays} of this node on the stream core and the database catalog,
 * whose target keys are sealed under {@code inlet.relay.secret} (base64 of 16, 24 or 32 bytes; the run command keeps
 * one in its data directory). Without a secret the relays are off and the API says so. State changes become
 * {@link RelayStateChanged} CDI events (synchronous and asynchronous observers). Started with the web module
 * ({@link dev.inlet.api.recordings.RecordingsStarter}), stopped and joined on undeploy.
 */
@ApplicationScoped
public class RelayService {

    private static final Logger LOG = Logger.getLogger(RelayService.class.getName());

    @Inject
    RtmpServer server;
    @Inject
    Config config;
    @Inject
    ThreadFactory threadFactory;
    @Inject
    JtaCatalogTransactions transactions;
    @Inject
    Event<Object> events;

    private Relays relays;
    private String unavailable;
    private boolean stopped;

    /** The node's relays, started on first use; empty (with {@link #unavailableReason()}) without a secret. */
    public synchronized Optional<Relays> relays() {
        if (stopped) {
            throw new IllegalStateException("relays have stopped: the application is being undeployed");
        }
        if (relays == null && unavailable == null) {
            Optional<String> secret = config.getOptionalValue("inlet.relay.secret", String.class).filter(s -> !s.isBlank());
            if (secret.isEmpty()) {
                unavailable = "relays need inlet.relay.secret (base64 of 16, 24 or 32 random bytes) to seal the targets' keys";
                LOG.warning(unavailable + "; restreaming is off");
                return Optional.empty();
            }
            KeySeal seal;
            try {
                seal = KeySeal.of(secret.get());
            } catch (IllegalArgumentException e) {
                unavailable = e.getMessage();
                LOG.warning(unavailable + "; restreaming is off");
                return Optional.empty();
            }
            transactions.inTransaction(em -> null); // made on a container thread: see RecordingService
            relays = new Relays(server.core(), new DatabaseRelayCatalog(transactions, seal), (target, status) -> fire(
                    new RelayStateChanged(target.stream(), target.id(), target.url(), status.state().label(),
                            status.reason(), status.retryInSeconds(), status.bytesSent(), Instant.now())),
                    Clock.systemUTC(), threadFactory);
            relays.start();
        }
        return Optional.ofNullable(relays);
    }

    public synchronized String unavailableReason() {
        return unavailable;
    }

    public synchronized int activeCount() {
        return relays == null ? 0 : relays.activeCount();
    }

    public synchronized long failures() {
        return relays == null ? 0 : relays.failures();
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (relays != null) {
            relays.close();
            relays = null;
        }
    }

    private void fire(Object event) {
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of " + event.getClass().getSimpleName() + " failed", e);
        }
        events.fireAsync(event);
    }
}
