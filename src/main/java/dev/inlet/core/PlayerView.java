package dev.inlet.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A connected player as administrators and observers see it.
 *
 * @param transport reads the link's statistics on demand (polled, so a view stays cheap to build)
 */
public record PlayerView(String id, String streamCode, String remoteAddress, String app, String flashVer,
                         Instant startedAt, long bytesSent, long framesSkipped, String protocol,
                         TransportStatsSource transport) {

    public PlayerView {
        transport = transport == null ? TransportStatsSource.NONE : transport;
    }

    /** A player without transport statistics (TCP). */
    public PlayerView(String id, String streamCode, String remoteAddress, String app, String flashVer,
                      Instant startedAt, long bytesSent, long framesSkipped, String protocol) {
        this(id, streamCode, remoteAddress, app, flashVer, startedAt, bytesSent, framesSkipped, protocol,
                TransportStatsSource.NONE);
    }

    /** The link's statistics now, read from the transport; empty for TCP or a closed link. */
    public Optional<TransportStats> transportStats() {
        return transport.read();
    }
}
