package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.session.SessionSettings;

import java.time.Duration;

/**
 * How an {@link RtmpListener} binds and what it allows per connection.
 *
 * @param port               0 binds an ephemeral port (tests)
 * @param maxWriteQueueBytes bytes queued for one peer before it counts as too slow and is closed
 * @param workerThreads      threads that run the filter chain; selector threads are one per core
 */
public record ListenerSettings(String host, int port, Duration handshakeTimeout, ChunkLimits chunkLimits,
                               SessionSettings sessionSettings, int maxWriteQueueBytes, int workerThreads) {

    public static ListenerSettings defaults() {
        return new ListenerSettings("0.0.0.0", 1935, Duration.ofSeconds(10), ChunkLimits.defaults(),
                SessionSettings.defaults(), 8 * 1024 * 1024, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }
}
