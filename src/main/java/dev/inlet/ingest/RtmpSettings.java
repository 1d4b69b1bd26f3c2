package dev.inlet.ingest;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.PublishBlocking;
import dev.inlet.core.ResourceLimits;

import dev.inlet.hub.BackPressure;
import dev.inlet.rtmp.amf.AmfLimits;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.session.SessionSettings;
import dev.inlet.rtmp.transport.ListenerSettings;
import dev.inlet.rtmp.transport.WriteMerging;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything the RTMP server is configured with. In the container these come from MicroProfile
 * Config (see {@link RtmpSettingsProducer} for the keys); tests build them directly.
 *
 * @param reconnectGrace how long players wait for the stream to come back after its last input dropped
 *                       without unpublishing (a clean unpublish ends playback at once)
 * @param demoKey        when present, stream {@code demo} accepts this publish key
 * @param limits         connection, chunk-size, player and command-rate limits
 * @param publishBlocking brute-force protection of publish keys
 * @param rtmps          when present, an RTMPS listener runs beside the RTMP one
 * @param writeMerging   how media writes to players are merged (window and flusher threads)
 */
public record RtmpSettings(String host, int port, Duration handshakeTimeout, int maxMessageSize,
                           int maxChunkStreams, int outgoingChunkSize, int maxWriteQueueBytes,
                           long gopCacheMaxBytes, int workerThreads, Duration publisherReadTimeout,
                           Duration idleTimeout, BackPressure backPressure, Duration reconnectGrace,
                           Optional<String> demoKey, ResourceLimits limits, PublishBlocking publishBlocking,
                           Optional<RtmpsSettings> rtmps, WriteMerging writeMerging) {

    public static final String DEMO_STREAM = "demo";

    /** Without the hardening settings: their defaults, RTMPS off. */
    public RtmpSettings(String host, int port, Duration handshakeTimeout, int maxMessageSize,
                        int maxChunkStreams, int outgoingChunkSize, int maxWriteQueueBytes,
                        long gopCacheMaxBytes, int workerThreads, Duration publisherReadTimeout,
                        Duration idleTimeout, BackPressure backPressure, Duration reconnectGrace,
                        Optional<String> demoKey) {
        this(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize, maxWriteQueueBytes,
                gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace,
                demoKey, ResourceLimits.defaults(), PublishBlocking.defaults(), Optional.empty(), WriteMerging.defaults());
    }

    public static RtmpSettings defaults() {
        return new RtmpSettings("0.0.0.0", 1935, Duration.ofSeconds(10), 16 * 1024 * 1024, 64, 4096,
                8 * 1024 * 1024, 16L * 1024 * 1024, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(10), Duration.ofSeconds(30), BackPressure.defaults(), Duration.ofSeconds(10), Optional.empty());
    }

    public RtmpSettings withHost(String newHost) {
        return new RtmpSettings(newHost, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey,
                limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withPort(int newPort) {
        return new RtmpSettings(host, newPort, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey,
                limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withHandshakeTimeout(Duration timeout) {
        return new RtmpSettings(host, port, timeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey,
                limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withMaxWriteQueueBytes(int bytes) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                bytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey,
                limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withTimeouts(Duration publisherRead, Duration idle) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherRead, idle, backPressure, reconnectGrace, demoKey,
                limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withBackPressure(BackPressure policy) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, policy, reconnectGrace, demoKey,
                limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withReconnectGrace(Duration grace) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure,
                grace, demoKey, limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withDemoKey(String key) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace,
                Optional.ofNullable(key).filter(k -> !k.isBlank()), limits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withPlayerLimits(int perStream, int total) {
        return withLimits(limits.withPlayers(perStream, total));
    }

    public RtmpSettings withLimits(ResourceLimits newLimits) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure,
                reconnectGrace, demoKey, newLimits, publishBlocking, rtmps, writeMerging);
    }

    public RtmpSettings withPublishBlocking(PublishBlocking blocking) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure,
                reconnectGrace, demoKey, limits, blocking, rtmps, writeMerging);
    }

    /** Turns the RTMPS listener on ({@code tls} present) or off. */
    public RtmpSettings withRtmps(Optional<RtmpsSettings> tls) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure,
                reconnectGrace, demoKey, limits, publishBlocking, tls, writeMerging);
    }

    public RtmpSettings withWriteMerging(WriteMerging merging) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure,
                reconnectGrace, demoKey, limits, publishBlocking, rtmps, merging);
    }

    /** What the protocol-neutral stream core takes from these settings. */
    public CoreSettings coreSettings() {
        return new CoreSettings(gopCacheMaxBytes, backPressure, reconnectGrace, limits.maxPlayersPerStream(),
                limits.maxPlayers(), publishBlocking, Duration.ofSeconds(10));
    }

    ListenerSettings listenerSettings() {
        AmfLimits amf = AmfLimits.defaults();
        ChunkLimits chunks = new ChunkLimits(maxMessageSize, limits.maxChunkSize(), maxChunkStreams);
        SessionSettings session = new SessionSettings(outgoingChunkSize, 2_500_000, 2_500_000, amf,
                publisherReadTimeout, idleTimeout, limits.playerAckTimeout(), limits.commandsPerSecond(),
                limits.commandBurst());
        return new ListenerSettings(host, port, handshakeTimeout, chunks, session, maxWriteQueueBytes, workerThreads,
                limits.maxConnections(), limits.maxConnectionsPerIp(), writeMerging);
    }
}
