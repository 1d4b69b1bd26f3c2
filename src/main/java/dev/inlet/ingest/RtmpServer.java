package dev.inlet.ingest;

import dev.inlet.hub.StreamHubs;
import dev.inlet.media.TrackInfo;
import dev.inlet.rtmp.transport.RtmpListener;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTMP ingest server: accepts encoders (publish by secret key) and players (play by stream
 * code) on a Grizzly transport. In the container it starts with the application and stops, freeing
 * its port and threads, when the application is undeployed; outside it, call {@link #start()} and
 * {@link #stop()}.
 */
@ApplicationScoped
public class RtmpServer {

    private static final Logger LOG = Logger.getLogger(RtmpServer.class.getName());

    private RtmpSettings settings;
    private Registry registry;
    private ThreadFactory threadFactory;
    private StreamHubs hubs;
    private final Map<String, StreamCallbacks> callbacks = new ConcurrentHashMap<>();
    private volatile PlayFunc playFunc;
    private volatile IngestListener ingestListener = IngestListener.NONE;
    private volatile PublishAuthorizer publishAuthorizer = PublishAuthorizer.ALLOW_ALL;
    private final SessionTracker sessions = new SessionTracker();
    private RtmpListener listener;

    /** For CDI's client proxy only. */
    protected RtmpServer() {
    }

    @Inject
    public RtmpServer(RtmpSettings settings, Registry registry, ThreadFactory threadFactory) {
        this.settings = settings;
        this.registry = registry;
        this.threadFactory = threadFactory;
        this.hubs = new StreamHubs(settings.gopCacheMaxBytes(), settings.backPressure());
        this.playFunc = new HubPlayFunc(hubs);
    }

    /** Late among start-up observers, so that listeners (the CDI event bridge) are installed first. */
    void onApplicationStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000)
                            @Initialized(ApplicationScoped.class) Object event) {
        start();
    }

    /** Binds the RTMP port. Fails (and with it the deployment) when the port cannot be bound. */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        RtmpListener created = new RtmpListener(settings.listenerSettings(), threadFactory,
                session -> new IngestConnectionHandler(this, session));
        try {
            created.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for RTMP on " + settings.host() + ":" + settings.port()
                    + " (is another server using the port?)", e);
        }
        listener = created;
        settings.demoKey().ifPresent(key -> LOG.log(Level.INFO,
                "demo stream: publish to rtmp://<host>:{0,number,#}/live/<inlet.demo.key>, play rtmp://<host>:{0,number,#}/live/{1}",
                new Object[]{created.boundPort(), RtmpSettings.DEMO_STREAM}));
    }

    /** Closes the port, every connection and every thread. Idempotent. */
    @PreDestroy
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        listener.stop();
        listener = null;
        hubs.all().forEach(hub -> hub.end("server stopping"));
    }

    public synchronized boolean isRunning() {
        return listener != null && listener.isRunning();
    }

    /** The bound RTMP port, or -1 when not running. */
    public synchronized int boundPort() {
        return listener == null ? -1 : listener.boundPort();
    }

    /** Replaces how players are fed; the default subscribes them to the stream's hub. */
    public void setPlayFunc(PlayFunc playFunc) {
        this.playFunc = playFunc == null ? new HubPlayFunc(hubs) : playFunc;
    }

    /** Installs the callbacks for publishes of {@code streamCode}, replacing earlier ones. */
    public void setStreamCallbacks(String streamCode, StreamCallbacks streamCallbacks) {
        if (streamCallbacks == null) {
            callbacks.remove(streamCode);
        } else {
            callbacks.put(streamCode, streamCallbacks);
        }
    }

    /** Removes the callbacks of {@code streamCode}; safe for a stream that has none. */
    public void clearStreamCallbacks(String streamCode) {
        callbacks.remove(streamCode);
    }

    /** Observes every stream (the CDI event layer installs itself here); null restores none. */
    public void setIngestListener(IngestListener listener) {
        this.ingestListener = listener == null ? IngestListener.NONE : listener;
    }

    /** Decides on every publish the registry accepted, before the encoder hears back; null allows all. */
    public void setPublishAuthorizer(PublishAuthorizer authorizer) {
        this.publishAuthorizer = authorizer == null ? PublishAuthorizer.ALLOW_ALL : authorizer;
    }

    /** The live publishers, oldest first. */
    public java.util.List<PublisherView> publishers() {
        return sessions.publishers();
    }

    /** The connected players, oldest first. */
    public java.util.List<PlayerView> players() {
        return sessions.players();
    }

    /** Disconnects the publish or play session with this id; false if there is none. */
    public boolean kick(String sessionId, String reason) {
        return sessions.kick(sessionId, reason);
    }

    /**
     * Feeds a player of another transport (HTTP-FLV) through the play function, exactly as an RTMP
     * player of the same stream.
     */
    public AutoCloseable play(String streamCode, PlayInfo info, Player player)
            throws StreamNotFoundException, java.io.IOException {
        return playFunc.play(streamCode, info, player);
    }

    /** Every stream with a live publisher, with its counters. */
    public java.util.List<LiveStream> liveStreams() {
        return hubs.all().stream().filter(hub -> !hub.isEnded())
                .map(hub -> new LiveStream(hub.name(), hub.stats())).toList();
    }

    /** Whether {@code streamCode} has a live publisher right now. */
    public boolean isLive(String streamCode) {
        return hubs.live(streamCode).isPresent();
    }

    /** The track panel of a live stream (codec, profile, size, frame rate, bitrate, audio format per track). */
    public Optional<List<TrackInfo>> tracks(String streamCode) {
        return hubs.live(streamCode).map(hub -> hub.tracks().snapshot());
    }

    /** Connections closed per reason since start. */
    public Map<String, Long> closeReasons() {
        RtmpListener current = listener;
        return current == null ? Map.of() : current.closeReasons();
    }

    StreamCallbacks callbacksFor(String streamCode) {
        return callbacks.get(streamCode);
    }

    Registry registry() {
        return registry;
    }

    StreamHubs hubs() {
        return hubs;
    }

    PlayFunc playFunc() {
        return playFunc;
    }

    IngestListener listener() {
        return ingestListener;
    }

    PublishAuthorizer publishAuthorizer() {
        return publishAuthorizer;
    }

    SessionTracker sessions() {
        return sessions;
    }
}
