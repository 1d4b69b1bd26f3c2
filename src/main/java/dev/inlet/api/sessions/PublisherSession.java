package dev.inlet.api.sessions;

import dev.inlet.core.PublisherView;

import java.time.Duration;
import java.time.Instant;

/**
 * A live encoder connection.
 *
 * @param srt  the SRT link's statistics; absent (null, left out of the JSON) for other protocols
 * @param node the node it is connected to, in a cluster (nodes sharing one database)
 */
public record PublisherSession(String id, String streamCode, int priority, String keyPrefix, String remoteAddress,
                               String app, String flashVer, Instant startedAt, long durationSeconds, long bytesIn,
                               long messagesIn, String protocol, SrtSessionStats srt, String node) {

    static PublisherSession of(PublisherView p, Instant now) {
        return of(p, now, null);
    }

    /** A session of this node; {@code node} is its name in a cluster (null: left out). */
    static PublisherSession of(PublisherView p, Instant now, String node) {
        return new PublisherSession(p.id(), p.streamCode(), p.priority(), p.keyPrefix(), p.remoteAddress(), p.app(),
                p.flashVer(), p.startedAt(), Math.max(0, Duration.between(p.startedAt(), now).toSeconds()), p.bytesIn(),
                p.messagesIn(), p.protocol(), SrtSessionStats.of(p.protocol(), p.transportStats()), node);
    }

    /** A session of another node, as its last snapshot has it (bytes as of then; no app, flashVer or SRT figures). */
    static PublisherSession of(dev.inlet.cluster.ClusterSession s, Instant now) {
        Instant started = Instant.ofEpochMilli(s.startedAt());
        return new PublisherSession(s.sessionId(), s.streamCode(), s.priority(), s.keyPrefix(), s.remoteAddress(), null,
                null, started, Math.max(0, Duration.between(started, now).toSeconds()), s.bytes(), 0, s.protocol(),
                null, s.nodeId());
    }
}
