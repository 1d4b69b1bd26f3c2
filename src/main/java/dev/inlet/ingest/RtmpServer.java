package dev.inlet.ingest;

import dev.inlet.core.BlockedAddress;
import dev.inlet.core.IngestListener;
import dev.inlet.core.LiveStream;
import dev.inlet.core.PlayAuthorizer;
import dev.inlet.core.PlayFunc;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublishAuthorizer;
import dev.inlet.core.PublisherView;
import dev.inlet.core.Registry;
import dev.inlet.core.StreamCallbacks;
import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamStatus;


import dev.inlet.media.TrackInfo;
import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.rtmp.transport.ConnectionFailures;
import dev.inlet.rtmp.transport.ListenerSettings;
import dev.inlet.rtmp.transport.RtmpListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTMP ingest server: accepts encoders (publish by secret key) and players (play by stream
 * code) on a Grizzly transport. Plain Java: call {@link #start()} and {@link #stop()}. In the container
 * {@link RtmpServerBean} creates it, starts it with the application and stops it, freeing its port and
 * threads, when the application is undeployed.
 */
public final class RtmpServer {

    private static final Logger LOG = Logger.getLogger(RtmpServer.class.getName());

    private final RtmpSettings settings;
    private final ThreadFactory threadFactory;
    private final StreamCore core;
    /** How long a stop waits for players to receive the end of their stream before the transport closes. */
    private static final Duration PLAYERS_TOLD_WAIT = Duration.ofSeconds(2);
    private RtmpListener listener;
    // Hardening: RTMPS beside RTMP, sharing close counters and connection limits.
    private RtmpListener tlsListener;
    private ConnectionFailures failures;
    /** Open connections per address and in total, RTMP, RTMPS and SRT together (one per server, not per start). */
    private final ConnectionAdmission admission;
    /** Bytes held in partial messages over RTMP and RTMPS; shared so the limit is the server's. */
    private dev.inlet.rtmp.chunk.ReassemblyBudget memory;

    /** A server with play tokens signed by a random secret (tokens then hold until this server stops). */
    public RtmpServer(RtmpSettings settings, Registry registry, ThreadFactory threadFactory) {
        this(settings, registry, threadFactory, new PlayTokens(PlayTokenSecret.random(), java.time.Clock.systemUTC()));
    }

    public RtmpServer(RtmpSettings settings, Registry registry, ThreadFactory threadFactory, PlayTokens tokens) {
        this.settings = settings;
        this.threadFactory = threadFactory;
        this.core = new StreamCore(settings.streams(), registry, tokens, threadFactory);
        this.admission = new ConnectionAdmission(settings.listenerSettings().maxConnections(),
                settings.listenerSettings().maxConnectionsPerIp());
    }

    /** The connection limits ({@code inlet.rtmp.max-connections[-per-ip]}) that other transports count against too. */
    public ConnectionAdmission connectionAdmission() {
        return admission;
    }

    /** The protocol-neutral stream core behind this server: admission, sessions, streams. */
    public StreamCore core() {
        return core;
    }

    /** Binds the RTMP port. Fails (and with it the deployment) when the port cannot be bound. */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        ListenerSettings listenerSettings = settings.listenerSettings();
        javax.net.ssl.SSLContext tlsContext = settings.rtmps().map(TlsContexts::load).orElse(null); // fail before binding
        failures = new ConnectionFailures();
        memory = listenerSettings.chunkLimits().newBudget();
        RtmpListener created = new RtmpListener(listenerSettings, threadFactory,
                session -> new IngestConnectionHandler(core, session, "rtmp"), failures, admission, memory, null);
        try {
            created.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for RTMP on " + settings.listener().host() + ":" + settings.listener().port()
                    + " (is another server using the port?)", e);
        }
        listener = created;
        if (tlsContext != null) {
            tlsListener = startRtmps(settings.rtmps().orElseThrow(), tlsContext, listenerSettings, admission);
        }
        settings.demoKey().ifPresent(key -> LOG.log(Level.INFO,
                "demo stream: publish to rtmp://<host>:{0,number,#}/live/<inlet.demo.key>, play rtmp://<host>:{0,number,#}/live/{1}",
                new Object[]{created.boundPort(), RtmpSettings.DEMO_STREAM}));
    }

    /** Closes the port, every connection and every thread. Idempotent. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        // Players are told first, while the transport still carries it: StreamEOF, UnpublishNotify and Play.Stop,
        // flushed before their connections close. A reset instead looks like a network failure to them.
        listener.stopAccepting();
        if (tlsListener != null) {
            tlsListener.stopAccepting();
        }
        int players = core.players().size();
        int streams = core.endStreams("server stopping");
        LOG.log(Level.INFO, "stopping: {0} stream(s) ended, {1} player(s) told", new Object[]{streams, players});
        awaitPlayersGone(PLAYERS_TOLD_WAIT);
        listener.stop();
        listener = null;
        if (tlsListener != null) {
            tlsListener.stop();
            tlsListener = null;
        }
        core.close();
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
        core.setPlayFunc(playFunc);
    }

    /** Installs the callbacks for publishes of {@code streamCode}, replacing earlier ones. */
    public void setStreamCallbacks(String streamCode, StreamCallbacks streamCallbacks) {
        core.setStreamCallbacks(streamCode, streamCallbacks);
    }

    /** Removes the callbacks of {@code streamCode}; safe for a stream that has none. */
    public void clearStreamCallbacks(String streamCode) {
        core.clearStreamCallbacks(streamCode);
    }

    /** Observes every stream (the CDI event layer installs itself here); null restores none. */
    public void setIngestListener(IngestListener listener) {
        core.setIngestListener(listener);
    }

    /** Decides on every publish the registry accepted, before the encoder hears back; null allows all. */
    public void setPublishAuthorizer(PublishAuthorizer authorizer) {
        core.setPublishAuthorizer(authorizer);
    }

    /** Decides on every play of every protocol before the player hears back; null allows all. */
    public void setPlayAuthorizer(PlayAuthorizer authorizer) {
        core.setPlayAuthorizer(authorizer);
    }

    /** The live publishers, oldest first. */
    public List<PublisherView> publishers() {
        return core.publishers();
    }

    /** The connected readers of every protocol, oldest first. */
    public List<PlayerView> players() {
        return core.players();
    }

    /** Disconnects the publish or play session with this id; false if there is none. */
    public boolean kick(String sessionId, String reason) {
        return core.kick(sessionId, reason);
    }

    /** The lifecycle of {@code streamCode}: state, live inputs, recent switches. */
    public StreamStatus streamStatus(String streamCode) {
        return core.streamStatus(streamCode);
    }

    /** Moves players to the live input of {@code priority} at its next keyframe; false if it is not live. */
    public boolean switchInput(String streamCode, int priority) {
        return core.switchInput(streamCode, priority);
    }

    /**
     * Switches a stream off (publishes refused, live publishers disconnected) or back on. The
     * registry's own enabled flag is the lasting record; this is the live side of it.
     */
    public void setStreamEnabled(String streamCode, boolean enabled) {
        core.setStreamEnabled(streamCode, enabled);
    }

    /** Every stream with a live publisher, with its counters. */
    public List<LiveStream> liveStreams() {
        return core.liveStreams();
    }

    /** Whether {@code streamCode} has a live publisher right now. */
    public boolean isLive(String streamCode) {
        return core.isLive(streamCode);
    }

    /** The track panel of a live stream (codec, profile, size, frame rate, bitrate, audio format per track). */
    public Optional<List<TrackInfo>> tracks(String streamCode) {
        return core.tracks(streamCode);
    }

    /**
     * Connections closed per reason since start, RTMP and RTMPS together: protocol errors ({@code malformed},
     * {@code handshake_failed}, ...), limits ({@code message_too_large}, {@code chunk_size_too_large},
     * {@code too_many_chunk_streams}, {@code too_many_streams}, {@code too_many_connections},
     * {@code too_many_connections_from_ip}, {@code command_flood}, {@code memory_budget}), timeouts
     * ({@code handshake_timeout}, {@code idle_timeout}, {@code player_ack_timeout}, {@code flush_timeout}) and slow
     * peers ({@code slow_peer}, HTTP-FLV players included, {@code write_failed}).
     */
    public synchronized Map<String, Long> closeReasons() {
        return failures == null ? Map.of() : failures.snapshot();
    }

    private void awaitPlayersGone(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!core.players().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = core.players().size();
        if (left > 0) {
            LOG.log(Level.INFO, "{0} player(s) still connected {1} ms after they were told the server stops; closing",
                    new Object[]{left, wait.toMillis()});
        }
    }

    /** Bytes held now in messages and chunks still arriving, RTMP and RTMPS together. */
    public synchronized long partialMessageBytes() {
        return memory == null ? 0 : memory.held();
    }

    /**
     * Counts a close of a connection this server's transport does not carry (an HTTP-FLV or SRT player dropped as
     * {@code slow_peer}), so that it shows with the RTMP closes of that reason.
     */
    public synchronized void countClose(String reason) {
        if (failures != null) {
            failures.count(reason);
        }
    }

    /**
     * Connections Inlet closed since start, by how: {@code aborted} (queued bytes dropped, socket reset at once:
     * every close for a reason above) and {@code after_flush} (a refusal or end status written first, bounded).
     */
    public synchronized Map<String, Long> closeKinds() {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        if (failures != null) {
            failures.closeKinds().forEach((kind, count) -> kinds.put(kind.tag(), count));
        }
        return kinds;
    }

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
        return core.blockedAddresses();
    }

    /** Lifts the block of {@code address} and forgets its failures; true if it was blocked. */
    public boolean unblock(String address) {
        return core.unblock(address);
    }

    /**
     * Publishes and plays refused per reason since the bean was created: {@code publish_unknown_key},
     * {@code publish_stream_busy}, {@code publish_refused_by_registry}, {@code publish_registry_unavailable},
     * {@code publish_denied} (by an authoriser), {@code publish_authorisation_failed}, {@code publish_blocked}
     * (too many failed attempts from the address), {@code play_stream_not_found}, {@code play_failed},
     * {@code play_limit_reached}, {@code play_denied}, {@code play_authorisation_failed},
     * {@code play_token_missing}, {@code play_token_expired}, {@code play_token_invalid}, {@code play_edge_refused}.
     */
    public Map<String, Long> rejectReasons() {
        return core.rejectReasons();
    }

    RtmpSettings settings() {
        return settings;
    }

    private RtmpListener startRtmps(RtmpsSettings tls, javax.net.ssl.SSLContext context, ListenerSettings rtmp,
                                    ConnectionAdmission admission) {
        RtmpListener created = new RtmpListener(rtmp.onPort(tls.port()), threadFactory,
                session -> new IngestConnectionHandler(core, session, "rtmps"), failures, admission, memory, context);
        try {
            created.start();
        } catch (IOException e) {
            listener.stop();
            listener = null;
            throw new UncheckedIOException("cannot listen for RTMPS on " + settings.listener().host() + ":" + tls.port(), e);
        }
        return created;
    }
}
