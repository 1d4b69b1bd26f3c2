package dev.inlet.events;

import java.time.Instant;

/** A player started playing a stream. */
public record PlayerConnected(String streamCode, String sessionId, String remoteAddress, String app, String flashVer,
                              Instant at) {
}
