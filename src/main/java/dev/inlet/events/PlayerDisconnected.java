package dev.inlet.events;

import java.time.Instant;

/** A player left (or was disconnected, with the reason). */
public record PlayerDisconnected(String streamCode, String sessionId, String remoteAddress, String reason,
                                 long bytesSent, long framesSkipped, Instant at, String protocol) {
}
