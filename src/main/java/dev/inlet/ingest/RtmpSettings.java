package dev.inlet.ingest;

import dev.inlet.hub.BackPressure;
import dev.inlet.rtmp.amf.AmfLimits;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.session.SessionSettings;
import dev.inlet.rtmp.transport.ListenerSettings;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything the RTMP server is configured with. In the container these come from MicroProfile
 * Config (see {@link RtmpSettingsProducer} for the keys); tests build them directly.
 *
 * @param reconnectGrace how long players wait for the stream to come back after its last input dropped
 *                       without unpublishing (a clean unpublish ends playback at once)
 * @param demoKey        when present, stream {@code demo} accepts this publish key
 */
public record RtmpSettings(String host, int port, Duration handshakeTimeout, int maxMessageSize,
                           int maxChunkStreams, int outgoingChunkSize, int maxWriteQueueBytes,
                           long gopCacheMaxBytes, int workerThreads, Duration publisherReadTimeout,
                           Duration idleTimeout, BackPressure backPressure, Duration reconnectGrace,
                           Optional<String> demoKey) {

    public static final String DEMO_STREAM = "demo";

    public static RtmpSettings defaults() {
        return new RtmpSettings("0.0.0.0", 1935, Duration.ofSeconds(10), 16 * 1024 * 1024, 64, 4096,
                8 * 1024 * 1024, 16L * 1024 * 1024, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(10), Duration.ofSeconds(30), BackPressure.defaults(), Duration.ofSeconds(10), Optional.empty());
    }

    public RtmpSettings withHost(String newHost) {
        return new RtmpSettings(newHost, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey);
    }

    public RtmpSettings withPort(int newPort) {
        return new RtmpSettings(host, newPort, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey);
    }

    public RtmpSettings withHandshakeTimeout(Duration timeout) {
        return new RtmpSettings(host, port, timeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey);
    }

    public RtmpSettings withMaxWriteQueueBytes(int bytes) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                bytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace, demoKey);
    }

    public RtmpSettings withTimeouts(Duration publisherRead, Duration idle) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherRead, idle, backPressure, reconnectGrace, demoKey);
    }

    public RtmpSettings withBackPressure(BackPressure policy) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, policy, reconnectGrace, demoKey);
    }

    public RtmpSettings withReconnectGrace(Duration grace) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure,
                grace, demoKey);
    }

    public RtmpSettings withDemoKey(String key) {
        return new RtmpSettings(host, port, handshakeTimeout, maxMessageSize, maxChunkStreams, outgoingChunkSize,
                maxWriteQueueBytes, gopCacheMaxBytes, workerThreads, publisherReadTimeout, idleTimeout, backPressure, reconnectGrace,
                Optional.ofNullable(key).filter(k -> !k.isBlank()));
    }

    ListenerSettings listenerSettings() {
        AmfLimits amf = AmfLimits.defaults();
        ChunkLimits chunks = new ChunkLimits(maxMessageSize, maxMessageSize, maxChunkStreams);
        SessionSettings session = new SessionSettings(outgoingChunkSize, 2_500_000, 2_500_000, amf,
                publisherReadTimeout, idleTimeout);
        return new ListenerSettings(host, port, handshakeTimeout, chunks, session, maxWriteQueueBytes, workerThreads);
    }
}
