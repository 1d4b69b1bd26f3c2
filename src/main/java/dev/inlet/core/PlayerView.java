package dev.inlet.core;

import java.time.Instant;

/** A connected player as administrators and observers see it. */
public record PlayerView(String id, String streamCode, String remoteAddress, String app, String flashVer,
                         Instant startedAt, long bytesSent, long framesSkipped, String protocol) {
}
