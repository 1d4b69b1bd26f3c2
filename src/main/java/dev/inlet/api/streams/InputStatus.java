package dev.inlet.api.streams;

import java.time.Instant;

/**
 * One input of a stream (a key priority) and its publisher, if one is live.
 *
 * @param active whether this input feeds the players now
 * @param keys   how many enabled keys feed this input
 * @param node   the node of the cluster its publisher is connected to, when not this one
 */
public record InputStatus(int priority, boolean live, boolean active, int keys, String sessionId, String keyPrefix,
                          String remoteAddress, Instant since, long bytesIn, long messagesIn, String node) {
}
