package dev.inlet.api.sessions;

import dev.inlet.core.PlayerView;

import java.time.Duration;
import java.time.Instant;

/**
 * A connected reader of any protocol ({@code rtmp}, {@code rtmps}, {@code http-flv}, {@code srt}).
 *
 * @param srt the SRT link's statistics; absent (null, left out of the JSON) for other protocols
 */
public record PlayerSession(String id, String streamCode, String remoteAddress, String app, String flashVer,
                            Instant startedAt, long durationSeconds, long bytesSent, long framesSkipped,
                            String protocol, SrtSessionStats srt) {

    static PlayerSession of(PlayerView p, Instant now) {
        return new PlayerSession(p.id(), p.streamCode(), p.remoteAddress(), p.app(), p.flashVer(), p.startedAt(),
                Math.max(0, Duration.between(p.startedAt(), now).toSeconds()), p.bytesSent(), p.framesSkipped(),
                p.protocol(), SrtSessionStats.of(p.protocol(), p.transportStats()));
    }
}
