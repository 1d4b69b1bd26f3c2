package dev.inlet.events;

import java.time.Instant;

/** An encoder is live on a stream input (after {@code NetStream.Publish.Start}). */
public record PublisherConnected(String streamCode, int priority, String sessionId, String keyPrefix,
                                 String remoteAddress, String app, String flashVer, Instant at) {
}
