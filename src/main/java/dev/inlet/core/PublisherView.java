package dev.inlet.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A live publisher as administrators and observers see it (never its key: only the key's prefix).
 *
 * @param id connection-scoped session id (use it to kick)
 * @param transport reads the link's statistics on demand (polled, so a view stays cheap to build)
 */
public record PublisherView(String id, String streamCode, int priority, String keyPrefix, String remoteAddress,
                            String app, String flashVer, Instant startedAt, long bytesIn, long messagesIn,
                            String protocol, TransportStatsSource transport) {

    public PublisherView {
        transport = transport == null ? TransportStatsSource.NONE : transport;
    }

    /** A publisher without transport statistics (TCP). */
    public PublisherView(String id, String streamCode, int priority, String keyPrefix, String remoteAddress,
                         String app, String flashVer, Instant startedAt, long bytesIn, long messagesIn,
                         String protocol) {
        this(id, streamCode, priority, keyPrefix, remoteAddress, app, flashVer, startedAt, bytesIn, messagesIn,
                protocol, TransportStatsSource.NONE);
    }

    /** The link's statistics now, read from the transport; empty for TCP or a closed link. */
    public Optional<TransportStats> transportStats() {
        return transport.read();
    }
}
