package dev.inlet.ingest;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.PublishBlocking;
import dev.inlet.hub.BackPressure;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.session.SessionSettings;
import dev.inlet.rtmp.transport.ListenerSettings;
import dev.inlet.rtmp.transport.WriteMerging;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the RTMP server is configured with, in groups that each validate their values and own their
 * defaults (one default per setting: {@link #defaults} only assembles the groups'). In the container these
 * come from MicroProfile Config (see {@link RtmpSettingsProducer} for the keys); tests build them directly.
 *
 * @param listener     where the server listens and what a connection may hold before it is closed
 * @param chunks       chunk stream bounds a peer must keep to
 * @param session      what a session announces, its timeouts and its command rate
 * @param streams      the protocol-neutral stream core: GOP cache, back-pressure, reconnect grace, player limits,
 *                     publish blocking
 * @param rtmps        when present, an RTMPS listener runs beside the RTMP one
 * @param writeMerging how media writes to players are merged (window and flusher threads)
 * @param demoKey      when present, stream {@code demo} accepts this publish key
 */
public record RtmpSettings(Listener listener, ChunkLimits chunks, SessionSettings session, CoreSettings streams,
                           Optional<RtmpsSettings> rtmps, WriteMerging writeMerging, Optional<String> demoKey) {

    public static final String DEMO_STREAM = "demo";

    public RtmpSettings {
        Objects.requireNonNull(listener);
        Objects.requireNonNull(chunks);
        Objects.requireNonNull(session);
        Objects.requireNonNull(streams);
        Objects.requireNonNull(rtmps);
        Objects.requireNonNull(writeMerging);
        demoKey = demoKey.filter(key -> !key.isBlank());
    }

    /**
     * How the RTMP listener binds and what it allows per connection.
     *
     * @param port                     0 binds an ephemeral port (tests)
     * @param workerThreads            threads that run the filter chain
     * @param maxWriteQueueBytes       bytes queued for one peer before it counts as too slow and is closed
     * @param maxConnections           open connections at most, RTMP and RTMPS together
     * @param maxConnectionsPerAddress open connections at most from one address; viewers behind one NAT
     *                                 address share it, hence a generous default
     * @param readCoalescing           how long a selector thread that just found ready connections pauses before
     *                                 its next select, so it wakes once for many (zero: never; at most
     *                                 {@link #MAX_READ_COALESCING}); a message waits at most this long
     */
    public record Listener(String host, int port, Duration handshakeTimeout, int workerThreads,
                           int maxWriteQueueBytes, int maxConnections, int maxConnectionsPerAddress,
                           boolean readsOnSelector, Duration readCoalescing) {

        /**
         * 2 ms: in alternating runs 200 publishers cost about a fifth less CPU per message than with 1 ms, and 1 ms a
         * fifth less than no pause; players' latency stayed below nginx-rtmp's (docs/benchmarks.md).
         */
        public static final Duration DEFAULT_READ_COALESCING = Duration.ofMillis(2);
        /** A longer pause would hold up every connection of the thread for more than a frame interval. */
        public static final Duration MAX_READ_COALESCING = Duration.ofMillis(20);

        /** Reads on the selector threads with the default coalescing. */
        public Listener(String host, int port, Duration handshakeTimeout, int workerThreads, int maxWriteQueueBytes,
                        int maxConnections, int maxConnectionsPerAddress) {
            this(host, port, handshakeTimeout, workerThreads, maxWriteQueueBytes, maxConnections,
                    maxConnectionsPerAddress, true, DEFAULT_READ_COALESCING);
        }

        public Listener {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("RTMP port out of range: " + port);
            }
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeout);
            }
            if (workerThreads < 1 || maxWriteQueueBytes < 1 || maxConnections < 1 || maxConnectionsPerAddress < 1) {
                throw new IllegalArgumentException("listener needs at least one worker thread, write queue byte and"
                        + " connection: " + workerThreads + " threads, " + maxWriteQueueBytes + " bytes, "
                        + maxConnections + " connections, " + maxConnectionsPerAddress + " per address");
            }
            Objects.requireNonNull(readCoalescing, "readCoalescing");
            if (readCoalescing.isNegative() || readCoalescing.compareTo(MAX_READ_COALESCING) > 0) {
                throw new IllegalArgumentException("read coalescing is 0 to " + MAX_READ_COALESCING.toMillis()
                        + " ms: " + readCoalescing.toMillis() + " ms");
            }
        }

        public static Listener defaults() {
            return new Listener("0.0.0.0", 1935, Duration.ofSeconds(10),
                    Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 8 * 1024 * 1024, 5000, 1000);
        }

        Listener withAddress(String newHost, int newPort) {
            return new Listener(newHost, newPort, handshakeTimeout, workerThreads, maxWriteQueueBytes, maxConnections,
                    maxConnectionsPerAddress, readsOnSelector, readCoalescing);
        }
    }

    public static RtmpSettings defaults() {
        return new RtmpSettings(Listener.defaults(), ChunkLimits.defaults(), SessionSettings.defaults(),
                CoreSettings.defaults(), Optional.empty(), WriteMerging.defaults(), Optional.empty());
    }

    public RtmpSettings withListener(Listener newListener) {
        return new RtmpSettings(newListener, chunks, session, streams, rtmps, writeMerging, demoKey);
    }

    public RtmpSettings withChunks(ChunkLimits newChunks) {
        return new RtmpSettings(listener, newChunks, session, streams, rtmps, writeMerging, demoKey);
    }

    public RtmpSettings withSession(SessionSettings newSession) {
        return new RtmpSettings(listener, chunks, newSession, streams, rtmps, writeMerging, demoKey);
    }

    public RtmpSettings withStreams(CoreSettings newStreams) {
        return new RtmpSettings(listener, chunks, session, newStreams, rtmps, writeMerging, demoKey);
    }

    /** Turns the RTMPS listener on ({@code tls} present) or off. */
    public RtmpSettings withRtmps(Optional<RtmpsSettings> tls) {
        return new RtmpSettings(listener, chunks, session, streams, tls, writeMerging, demoKey);
    }

    public RtmpSettings withWriteMerging(WriteMerging merging) {
        return new RtmpSettings(listener, chunks, session, streams, rtmps, merging, demoKey);
    }

    public RtmpSettings withDemoKey(String key) {
        return new RtmpSettings(listener, chunks, session, streams, rtmps, writeMerging, Optional.ofNullable(key));
    }

    // Shorthands for the settings tests and benchmarks change most.

    public RtmpSettings withHost(String host) {
        return withListener(listener.withAddress(host, listener.port()));
    }

    public RtmpSettings withPort(int port) {
        return withListener(listener.withAddress(listener.host(), port));
    }

    public RtmpSettings withHandshakeTimeout(Duration timeout) {
        Listener l = listener;
        return withListener(new Listener(l.host(), l.port(), timeout, l.workerThreads(), l.maxWriteQueueBytes(),
                l.maxConnections(), l.maxConnectionsPerAddress(), l.readsOnSelector(), l.readCoalescing()));
    }

    public RtmpSettings withMaxWriteQueueBytes(int bytes) {
        Listener l = listener;
        return withListener(new Listener(l.host(), l.port(), l.handshakeTimeout(), l.workerThreads(), bytes,
                l.maxConnections(), l.maxConnectionsPerAddress(), l.readsOnSelector(), l.readCoalescing()));
    }

    /** Reads on the selector threads ({@code true}, the default) or hands each read to a worker thread. */
    public RtmpSettings withReadsOnSelector(boolean onSelector) {
        Listener l = listener;
        return withListener(new Listener(l.host(), l.port(), l.handshakeTimeout(), l.workerThreads(),
                l.maxWriteQueueBytes(), l.maxConnections(), l.maxConnectionsPerAddress(), onSelector, l.readCoalescing()));
    }

    /** How long a busy selector thread pauses before its next select; zero selects at once. */
    public RtmpSettings withReadCoalescing(Duration pause) {
        Listener l = listener;
        return withListener(new Listener(l.host(), l.port(), l.handshakeTimeout(), l.workerThreads(),
                l.maxWriteQueueBytes(), l.maxConnections(), l.maxConnectionsPerAddress(), l.readsOnSelector(), pause));
    }

    public RtmpSettings withConnections(int total, int perAddress) {
        Listener l = listener;
        return withListener(new Listener(l.host(), l.port(), l.handshakeTimeout(), l.workerThreads(),
                l.maxWriteQueueBytes(), total, perAddress, l.readsOnSelector(), l.readCoalescing()));
    }

    public RtmpSettings withMaxChunkSize(int bytes) {
        return withChunks(new ChunkLimits(chunks.maxMessageSize(), bytes, chunks.maxChunkStreams()));
    }

    public RtmpSettings withTimeouts(Duration publisherRead, Duration idle) {
        SessionSettings s = session;
        return withSession(new SessionSettings(s.outgoingChunkSize(), s.windowAckSize(), s.peerBandwidth(),
                s.amfLimits(), publisherRead, idle, s.playerAckTimeout(), s.commandsPerSecond(), s.commandBurst()));
    }

    public RtmpSettings withCommandsPerSecond(int perSecond, int burst) {
        SessionSettings s = session;
        return withSession(new SessionSettings(s.outgoingChunkSize(), s.windowAckSize(), s.peerBandwidth(),
                s.amfLimits(), s.publisherReadTimeout(), s.idleTimeout(), s.playerAckTimeout(), perSecond, burst));
    }

    public RtmpSettings withBackPressure(BackPressure policy) {
        CoreSettings c = streams;
        return withStreams(new CoreSettings(c.gopCacheMaxBytes(), policy, c.reconnectGrace(), c.maxPlayersPerStream(),
                c.maxPlayers(), c.publishBlocking(), c.authorizationTimeout()));
    }

    public RtmpSettings withReconnectGrace(Duration grace) {
        CoreSettings c = streams;
        return withStreams(new CoreSettings(c.gopCacheMaxBytes(), c.backPressure(), grace, c.maxPlayersPerStream(),
                c.maxPlayers(), c.publishBlocking(), c.authorizationTimeout()));
    }

    public RtmpSettings withPlayerLimits(int perStream, int total) {
        CoreSettings c = streams;
        return withStreams(new CoreSettings(c.gopCacheMaxBytes(), c.backPressure(), c.reconnectGrace(), perStream,
                total, c.publishBlocking(), c.authorizationTimeout()));
    }

    public RtmpSettings withPublishBlocking(PublishBlocking blocking) {
        CoreSettings c = streams;
        return withStreams(new CoreSettings(c.gopCacheMaxBytes(), c.backPressure(), c.reconnectGrace(),
                c.maxPlayersPerStream(), c.maxPlayers(), blocking, c.authorizationTimeout()));
    }

    /** What the RTMP listeners take from these settings. */
    ListenerSettings listenerSettings() {
        return new ListenerSettings(listener.host(), listener.port(), listener.handshakeTimeout(), chunks, session,
                listener.maxWriteQueueBytes(), listener.workerThreads(), listener.maxConnections(),
                listener.maxConnectionsPerAddress(), writeMerging, listener.readsOnSelector(),
                listener.readCoalescing());
    }
}
