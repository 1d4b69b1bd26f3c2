package dev.inlet.ingest;

import dev.inlet.hub.StreamHubs;
import dev.inlet.media.TrackInfo;
import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.rtmp.transport.ConnectionFailures;
import dev.inlet.rtmp.transport.ListenerSettings;
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
    private final Map<String, StreamInputs> streams = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.ScheduledFuture<?>> graceTimers = new ConcurrentHashMap<>();
    private java.util.concurrent.ScheduledExecutorService timers;
    private final RejectCounts rejects = new RejectCounts();
    private RtmpListener listener;
    // Hardening: RTMPS beside RTMP, sharing close counters and connection limits; publish brute-force blocking.
    private RtmpListener tlsListener;
    private ConnectionFailures failures;
    private PublishBlocklist publishBlocklist;

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
        this.publishBlocklist = new PublishBlocklist(settings.publishBlocking());
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
        ListenerSettings listenerSettings = settings.listenerSettings();
        javax.net.ssl.SSLContext tlsContext = settings.rtmps().map(TlsContexts::load).orElse(null); // fail before binding
        failures = new ConnectionFailures();
        ConnectionAdmission admission = new ConnectionAdmission(listenerSettings.maxConnections(),
                listenerSettings.maxConnectionsPerIp());
        RtmpListener created = new RtmpListener(listenerSettings, threadFactory,
                session -> new IngestConnectionHandler(this, session), failures, admission, null);
        try {
            created.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for RTMP on " + settings.host() + ":" + settings.port()
                    + " (is another server using the port?)", e);
        }
        listener = created;
        if (tlsContext != null) {
            tlsListener = startRtmps(settings.rtmps().orElseThrow(), tlsContext, listenerSettings, admission);
        }
        timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(threadFactory);
        // With takeover on, a newer publisher may claim a slot: the one that lost it is disconnected.
        registry.setLeaseLostListener(lease -> kick(lease.sessionId(), "another publisher took over the stream key"));
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
        if (tlsListener != null) {
            tlsListener.stop();
            tlsListener = null;
        }
        timers.shutdownNow();
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

    /** The lifecycle of {@code streamCode}: state, live inputs, recent switches. */
    public StreamStatus streamStatus(String streamCode) {
        StreamInputs stream = streams.get(streamCode);
        return stream == null ? new StreamStatus(streamCode, StreamState.IDLE, 0, java.util.List.of(), java.util.List.of())
                : stream.status();
    }

    /** Moves players to the live input of {@code priority} at its next keyframe; false if it is not live. */
    public boolean switchInput(String streamCode, int priority) {
        StreamInputs stream = streams.get(streamCode);
        return stream != null && stream.force(priority);
    }

    /**
     * Switches a stream off (publishes refused, live publishers disconnected) or back on. The
     * registry's own enabled flag is the lasting record; this is the live side of it.
     */
    public void setStreamEnabled(String streamCode, boolean enabled) {
        streamFor(streamCode).setDisabled(!enabled);
        if (!enabled) {
            publishers().stream().filter(p -> p.streamCode().equals(streamCode))
                    .forEach(p -> kick(p.id(), "stream " + streamCode + " was disabled"));
        }
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

    /**
     * Connections closed per reason since start, RTMP and RTMPS together: protocol errors ({@code malformed},
     * {@code handshake_failed}, ...), limits ({@code message_too_large}, {@code chunk_size_too_large},
     * {@code too_many_chunk_streams}, {@code too_many_streams}, {@code too_many_connections},
     * {@code too_many_connections_from_ip}, {@code command_flood}), timeouts ({@code handshake_timeout},
     * {@code idle_timeout}, {@code player_ack_timeout}) and slow peers ({@code slow_peer}, {@code write_failed}).
     */
    public synchronized Map<String, Long> closeReasons() {
        return failures == null ? Map.of() : failures.snapshot();
    }

    // ---- Hardening: RTMPS, connection counts, publish blocking ----

    /** The bound RTMPS port, or -1 when RTMPS is off or the server is not running. */
    public synchronized int boundRtmpsPort() {
        return tlsListener == null ? -1 : tlsListener.boundPort();
    }

    /** Connections open now, RTMP and RTMPS together. */
    public synchronized int openConnections() {
        return listener == null ? 0 : listener.openConnections();
    }

    /** Addresses refused every publish for now after too many failed ones (unknown key), longest block first. */
    public List<BlockedAddress> blockedAddresses() {
        return publishBlocklist.blocked();
    }

    /** Lifts the block of {@code address} and forgets its failures; true if it was blocked. */
    public boolean unblock(String address) {
        boolean wasBlocked = publishBlocklist.unblock(address);
        if (wasBlocked) {
            LOG.log(Level.INFO, "publishes from {0} are allowed again", address);
        }
        return wasBlocked;
    }

    PublishBlocklist publishBlocklist() {
        return publishBlocklist;
    }

    private RtmpListener startRtmps(RtmpsSettings tls, javax.net.ssl.SSLContext context, ListenerSettings rtmp,
                                    ConnectionAdmission admission) {
        RtmpListener created = new RtmpListener(rtmp.onPort(tls.port()), threadFactory,
                session -> new IngestConnectionHandler(this, session), failures, admission, context);
        try {
            created.start();
        } catch (IOException e) {
            listener.stop();
            listener = null;
            throw new UncheckedIOException("cannot listen for RTMPS on " + settings.host() + ":" + tls.port(), e);
        }
        return created;
    }

    boolean isDisabled(String streamCode) {
        StreamInputs stream = streams.get(streamCode);
        return stream != null && stream.isDisabled();
    }

    private StreamInputs streamFor(String streamCode) {
        return streams.computeIfAbsent(streamCode, code -> new StreamInputs(code, new StreamInputs.Observer() {
            @Override
            public void stateChanged(String c, StreamState from, StreamState to) {
                LOG.log(Level.INFO, "stream {0}: {1} -> {2}", new Object[]{c, from, to});
                notifyListener(l -> l.streamStateChanged(c, from, to));
            }

            @Override
            public void switched(String c, InputSwitch change) {
                LOG.log(Level.INFO, "stream {0}: players switched from input {1} to {2} ({3})",
                        new Object[]{c, change.fromPriority(), change.toPriority(), change.reason()});
                notifyListener(l -> l.inputSwitched(c, change));
            }
        }));
    }

    /** A publish of {@code streamCode} on input {@code priority} has been accepted. */
    StreamInputs attachInput(String streamCode, int priority) {
        StreamInputs stream = streamFor(streamCode);
        synchronized (stream) {
            var grace = graceTimers.remove(streamCode);
            if (grace != null) {
                grace.cancel(false);
            }
            stream.inputStarted(priority, stream.needsHub() ? hubs.open(streamCode) : stream.hub());
        }
        return stream;
    }

    /**
     * A publish ended. When it was the last input, players are ended at once after a clean unpublish,
     * or after the reconnect grace when the encoder dropped (it may come back and they continue).
     */
    void detachInput(String streamCode, int priority, String reason, boolean clean) {
        StreamInputs stream = streamFor(streamCode);
        String cause = clean ? "unpublish" : reason != null && reason.startsWith("no data") ? "timeout" : "error";
        synchronized (stream) {
            if (!stream.inputEnded(priority, cause)) {
                return;
            }
            if (clean || settings.reconnectGrace().isZero() || timers == null) {
                endPlayback(stream, "publisher of " + streamCode + " has gone");
            } else {
                graceTimers.put(streamCode, timers.schedule(() -> {
                    synchronized (stream) {
                        graceTimers.remove(streamCode);
                        if (stream.livePriorities().isEmpty()) {
                            endPlayback(stream, "publisher of " + streamCode + " did not come back");
                        }
                    }
                }, settings.reconnectGrace().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        }
    }

    private void endPlayback(StreamInputs stream, String reason) {
        var hub = stream.endPlayback();
        if (hub != null) {
            hubs.close(hub, reason);
        }
    }

    private void notifyListener(java.util.function.Consumer<IngestListener> call) {
        try {
            call.accept(ingestListener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ingest listener failed", e);
        }
    }

    /**
     * Publishes and plays refused per reason since the bean was created: {@code publish_unknown_key},
     * {@code publish_stream_busy}, {@code publish_refused_by_registry}, {@code publish_registry_unavailable},
     * {@code publish_denied} (by an authoriser), {@code publish_authorisation_failed}, {@code publish_blocked} (too many failed attempts from the address), {@code play_stream_not_found},
     * {@code play_failed}.
     */
    public Map<String, Long> rejectReasons() {
        return rejects.snapshot();
    }

    RejectCounts rejects() {
        return rejects;
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

    RtmpSettings settings() {
        return settings;
    }

    SessionTracker sessions() {
        return sessions;
    }
}
