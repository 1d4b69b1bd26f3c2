package dev.inlet.ingest;

import dev.inlet.core.IngestListener;
import dev.inlet.core.InputSwitch;
import dev.inlet.core.LiveStream;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublishAttempt;
import dev.inlet.core.PlayAttempt;
import dev.inlet.core.PlayAuthorizer;
import dev.inlet.core.PublishAuthorizer;
import dev.inlet.core.PublisherView;
import dev.inlet.core.StreamState;

import dev.inlet.events.FailoverSwitched;
import dev.inlet.events.MediaReceived;
import dev.inlet.events.PacketReceived;
import dev.inlet.events.PlayerConnected;
import dev.inlet.events.PlayerDisconnected;
import dev.inlet.events.PlayAuthorization;
import dev.inlet.events.PublishAuthorization;
import dev.inlet.events.PublisherConnected;
import dev.inlet.events.PublisherDisconnected;
import dev.inlet.events.StreamStateChanged;
import dev.inlet.events.StreamStatistics;
import dev.inlet.media.AVPacket;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what the RTMP server sees into CDI events for the rest of the application, and asks
 * {@link PublishAuthorization} observers before a publish is confirmed.
 *
 * <p>Every event goes to synchronous and asynchronous observers alike. Events nobody observes are not
 * even built: which types have observers is resolved once, at start, so the per-packet cost without
 * observers is a field read.
 */
@ApplicationScoped
public class CdiIngestEvents implements IngestListener, PublishAuthorizer, PlayAuthorizer {

    private static final Logger LOG = Logger.getLogger(CdiIngestEvents.class.getName());

    /** Which kinds of observer an event type has. */
    private record Audience(boolean sync, boolean async) {
        boolean any() {
            return sync || async;
        }
    }

    @Inject
    Event<Object> events;
    @Inject
    BeanManager beanManager;
    @Inject
    RtmpServer server;
    @Inject
    ThreadFactory threadFactory;

    private Audience packets = new Audience(false, false);
    private Audience media = new Audience(false, false);
    private Audience authorization = new Audience(false, false);
    private Audience playAuthorization = new Audience(false, false);
    private Executor authorizationExecutor;
    private ExecutorService ownAuthorizationExecutor;
    private ScheduledExecutorService statistics;

    void onApplicationStart(@Observes @Priority(Interceptor.Priority.APPLICATION)
                            @Initialized(ApplicationScoped.class) Object event) {
        packets = audienceOf(new PacketReceived("", 0, 0));
        media = audienceOf(new MediaReceived("", null));
        authorization = audienceOf(new PublishAuthorization("", 1, "", "", "", "", ""));
        playAuthorization = audienceOf(new PlayAuthorization("", "", "", "", "", "", false));
        if (authorization.any() || playAuthorization.any()) {
            authorizationExecutor = managedExecutor();
        }
        server.setIngestListener(this);
        server.setPublishAuthorizer(this);
        // Without observers the core admits players without a hop to another thread (a flash crowd stays fast).
        server.setPlayAuthorizer(playAuthorization.sync() ? this : null);
        if (audienceOf(new StreamStatistics("", 0, 0, 0, 0, 0, Instant.EPOCH)).any()) {
            statistics = Executors.newSingleThreadScheduledExecutor(threadFactory);
            statistics.scheduleAtFixedRate(this::fireStatistics, 1, 1, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (statistics != null) {
            statistics.shutdownNow();
        }
        if (ownAuthorizationExecutor != null) {
            ownAuthorizationExecutor.shutdownNow();
        }
    }

    @Override
    public void publisherConnected(PublisherView p) {
        fire(new PublisherConnected(p.streamCode(), p.priority(), p.id(), p.keyPrefix(), p.remoteAddress(), p.app(),
                p.flashVer(), Instant.now()));
    }

    @Override
    public void publisherDisconnected(PublisherView p, String reason, Throwable error) {
        fire(new PublisherDisconnected(p.streamCode(), p.priority(), p.id(), p.remoteAddress(), reason,
                error == null ? null : String.valueOf(error.getMessage()), p.bytesIn(), p.messagesIn(), Instant.now()));
    }

    @Override
    public void packetReceived(String streamCode, int messageType, int bytes) {
        if (packets.any()) {
            fire(new PacketReceived(streamCode, messageType, bytes), packets);
        }
    }

    @Override
    public boolean wantsMedia() {
        return media.any();
    }

    @Override
    public void mediaReceived(String streamCode, AVPacket packet) {
        fire(new MediaReceived(streamCode, packet), media);
    }

    @Override
    public void streamStateChanged(String streamCode, StreamState from, StreamState to) {
        fire(new StreamStateChanged(streamCode, from.label(), to.label(), Instant.now()));
    }

    @Override
    public void inputSwitched(String streamCode, InputSwitch change) {
        fire(new FailoverSwitched(streamCode, change.fromPriority(), change.toPriority(), change.reason(), change.at()));
    }

    @Override
    public void playerConnected(PlayerView p) {
        fire(new PlayerConnected(p.streamCode(), p.id(), p.remoteAddress(), p.app(), p.flashVer(), Instant.now(),
                p.protocol()));
    }

    @Override
    public void playerDisconnected(PlayerView p, String reason) {
        fire(new PlayerDisconnected(p.streamCode(), p.id(), p.remoteAddress(), reason, p.bytesSent(), p.framesSkipped(),
                Instant.now(), p.protocol()));
    }

    @Override
    public CompletionStage<Optional<String>> authorize(PublishAttempt attempt) {
        if (!authorization.sync()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> {
            PublishAuthorization question = new PublishAuthorization(attempt.streamCode(), attempt.priority(),
                    attempt.keyPrefix(), attempt.remoteAddress(), attempt.app(), attempt.tcUrl(), attempt.flashVer());
            events.fire(question); // an observer that throws denies: the exception completes the stage
            return Optional.ofNullable(question.denial());
        }, authorizationExecutor);
    }

    /** The play authoriser: {@link PlayAuthorization} observers, asked on the managed executor like publishes. */
    @Override
    public CompletionStage<Optional<String>> authorize(PlayAttempt attempt) {
        if (!playAuthorization.sync()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> {
            PlayAuthorization question = new PlayAuthorization(attempt.protocol(), attempt.streamCode(),
                    attempt.sessionId(), attempt.remoteAddress(), attempt.app(), attempt.client(), attempt.tokenPresented());
            events.fire(question); // an observer that throws denies: the exception completes the stage
            return Optional.ofNullable(question.denial());
        }, authorizationExecutor);
    }

    private void fireStatistics() {
        try {
            Instant now = Instant.now();
            for (LiveStream live : server.liveStreams()) {
                var stats = live.stats();
                fire(new StreamStatistics(live.streamCode(), stats.bytesIn(), stats.framesIn(), stats.subscribers(),
                        stats.framesSkipped(), stats.slowDisconnects(), now));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream statistics event failed", e);
        }
    }

    private void fire(Object event) {
        fire(event, new Audience(true, true));
    }

    private void fire(Object event, Audience audience) {
        if (audience.sync()) {
            try {
                events.fire(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an observer of " + event.getClass().getSimpleName() + " failed", e);
            }
        }
        if (audience.async()) {
            events.fireAsync(event).exceptionally(e -> {
                LOG.log(Level.WARNING, "an asynchronous observer of " + event.getClass().getSimpleName() + " failed", e);
                return null;
            });
        }
    }

    private Audience audienceOf(Object event) {
        Set<? extends ObserverMethod<?>> observers = beanManager.resolveObserverMethods(event);
        return new Audience(observers.stream().anyMatch(o -> !o.isAsync()), observers.stream().anyMatch(ObserverMethod::isAsync));
    }

    private Executor managedExecutor() {
        try {
            if (new InitialContext().lookup("java:comp/DefaultManagedExecutorService") instanceof Executor executor) {
                return executor;
            }
        } catch (NamingException e) {
            LOG.log(Level.FINE, "no default managed executor", e);
        }
        ownAuthorizationExecutor = Executors.newCachedThreadPool(threadFactory);
        return ownAuthorizationExecutor;
    }
}
