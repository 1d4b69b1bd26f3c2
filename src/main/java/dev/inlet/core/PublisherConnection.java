package dev.inlet.core;

import java.util.Optional;

/** What the stream core needs of a publisher's connection, whatever its protocol: a way to drop it. */
@FunctionalInterface
public interface PublisherConnection {

    /** Closes the connection (kick, takeover, disabled stream); the adapter then ends the publication. */
    void disconnect(String reason);

    /**
     * The link's statistics now, for transports that keep them (SRT); read when a listing or a metrics poll asks.
     * Must not throw.
     */
    default Optional<TransportStats> transportStats() {
        return Optional.empty();
    }
}
