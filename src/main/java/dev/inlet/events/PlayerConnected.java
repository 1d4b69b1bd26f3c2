package dev.inlet.events;

import java.time.Instant;

/**
 * A reader (an RTMP or HTTP-FLV player…) started playing a stream.
 *
 * @param protocol how it plays: {@code rtmp}, {@code rtmps}, {@code http-flv}
 */
public record PlayerConnected(String streamCode, String sessionId, String remoteAddress, String app, String flashVer,
                              Instant at, String protocol) {
}
