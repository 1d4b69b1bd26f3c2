package dev.inlet.api.sessions;

import dev.inlet.core.PublisherView;

import java.time.Duration;
import java.time.Instant;

/**
 * A live encoder connection.
 *
 * @param srt the SRT link's statistics; absent (null, left out of the JSON) for other protocols
 */
public record PublisherSession(String id, String streamCode, int priority, String keyPrefix, String remoteAddress,
                               String app, String flashVer, Instant startedAt, long durationSeconds, long bytesIn,
                               long messagesIn, String protocol, SrtSessionStats srt) {

    static PublisherSession of(PublisherView p, Instant now) {
        return new PublisherSession(p.id(), p.streamCode(), p.priority(), p.keyPrefix(), p.remoteAddress(), p.app(),
                p.flashVer(), p.startedAt(), Math.max(0, Duration.between(p.startedAt(), now).toSeconds()), p.bytesIn(),
                p.messagesIn(), p.protocol(), SrtSessionStats.of(p.protocol(), p.transportStats()));
    }
}
