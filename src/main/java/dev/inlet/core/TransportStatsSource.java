package dev.inlet.core;

import java.util.Optional;

/**
 * Reads a session's {@link TransportStats} when asked (a listing, a metrics poll), never on the packet path.
 * Empty for transports without such statistics (TCP: RTMP, HTTP-FLV) and for a session whose link is gone.
 */
@FunctionalInterface
public interface TransportStatsSource {

    /** A session without transport statistics. */
    TransportStatsSource NONE = Optional::empty;

    /** The statistics now. Must not throw: an unreadable link answers empty. */
    Optional<TransportStats> read();
}
