package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.session.SessionSettings;

import java.time.Duration;

/**
 * How an {@link RtmpListener} binds and what it allows per connection. It has no defaults of its own: the
 * server's settings ({@code ingest.RtmpSettings}) own them, so each setting has one default.
 *
 * @param port               0 binds an ephemeral port (tests)
 * @param maxWriteQueueBytes bytes queued for one peer before it counts as too slow and is closed
 * @param workerThreads      threads that run the filter chain; selector threads are one per core
 * @param maxConnections     open connections at most (over every listener sharing one {@link ConnectionAdmission});
 *                           one more is closed as soon as it is accepted
 * @param maxConnectionsPerIp open connections at most from one address
 * @param writeMerging       how media writes to players are merged
 * @param readCoalescing     how long a busy selector thread pauses before its next select ({@link ReadCoalescing});
 *                           zero selects at once
 */
public record ListenerSettings(String host, int port, Duration handshakeTimeout, ChunkLimits chunkLimits,
                               SessionSettings sessionSettings, int maxWriteQueueBytes, int workerThreads,
                               int maxConnections, int maxConnectionsPerIp, WriteMerging writeMerging,
                               boolean readsOnSelector, Duration readCoalescing) {

    /** The same settings on another port (the RTMPS listener). */
    public ListenerSettings onPort(int newPort) {
        return new ListenerSettings(host, newPort, handshakeTimeout, chunkLimits, sessionSettings, maxWriteQueueBytes,
                workerThreads, maxConnections, maxConnectionsPerIp, writeMerging, readsOnSelector, readCoalescing);
    }

    /** The same settings with another way of writing media to players. */
    public ListenerSettings withWriteMerging(WriteMerging merging) {
        return new ListenerSettings(host, port, handshakeTimeout, chunkLimits, sessionSettings, maxWriteQueueBytes,
                workerThreads, maxConnections, maxConnectionsPerIp, merging, readsOnSelector, readCoalescing);
    }
}
