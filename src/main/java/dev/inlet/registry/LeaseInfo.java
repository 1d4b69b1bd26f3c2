package dev.inlet.registry;

import java.time.Instant;

/** Who publishes one input of a stream right now (or did, until the lease expires). */
public record LeaseInfo(String streamCode, int priority, String nodeId, String sessionId, String keyPrefix,
                        String remoteAddress, Instant acquired, Instant heartbeat) {
}
