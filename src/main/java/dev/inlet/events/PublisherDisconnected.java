package dev.inlet.events;

import java.time.Instant;

/** A publish ended: {@code error} is null on a clean unpublish, else what went wrong. */
public record PublisherDisconnected(String streamCode, int priority, String sessionId, String remoteAddress,
                                    String reason, String error, long bytesIn, long messagesIn, Instant at) {
}
