package dev.inlet.api.sessions;

import dev.inlet.core.PlayerView;

import java.time.Duration;
import java.time.Instant;

/**
 * A connected reader of any protocol ({@code rtmp}, {@code rtmps}, {@code http-flv}, {@code srt}).
 *
 * @param srt  the SRT link's statistics; absent (null, left out of the JSON) for other protocols
 * @param node the node it is connected to, in a cluster (nodes sharing one database)
 */
public record PlayerSession(String id, String streamCode, String remoteAddress, String app, String flashVer,
                            Instant startedAt, long durationSeconds, long bytesSent, long framesSkipped,
                            String protocol, SrtSessionStats srt, String node) {

    static PlayerSession of(PlayerView p, Instant now) {
        return of(p, now, null);
    }

    /** A session of this node; {@code node} is its name in a cluster (null: left out). */
    static PlayerSession of(PlayerView p, Instant now, String node) {
        return new PlayerSession(p.id(), p.streamCode(), p.remoteAddress(), p.app(), p.flashVer(), p.startedAt(),
                Math.max(0, Duration.between(p.startedAt(), now).toSeconds()), p.bytesSent(), p.framesSkipped(),
                p.protocol(), SrtSessionStats.of(p.protocol(), p.transportStats()), node);
    }

    /** A session of another node, as its last snapshot has it (bytes as of then). */
    static PlayerSession of(dev.inlet.cluster.ClusterSession s, Instant now) {
        Instant started = Instant.ofEpochMilli(s.startedAt());
        return new PlayerSession(s.sessionId(), s.streamCode(), s.remoteAddress(), null, null, started,
                Math.max(0, Duration.between(started, now).toSeconds()), s.bytes(), 0, s.protocol(), null, s.nodeId());
    }
}
