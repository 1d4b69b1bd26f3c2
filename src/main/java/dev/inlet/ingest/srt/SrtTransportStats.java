package dev.inlet.ingest.srt;

import dev.inlet.core.TransportStats;
import dev.inlet.srt.SrtConnection;
import dev.inlet.srt.SrtException;
import dev.inlet.srt.SrtStats;

import java.util.Optional;

/** libsrt's statistics of a connection as the core's protocol-neutral {@link TransportStats}. */
public final class SrtTransportStats {

    private SrtTransportStats() {
    }

    /**
     * Maps one reading. Retransmissions: libsrt counts what a connection sent again ({@code pktRetransTotal}) apart
     * from the retransmissions it received ({@code pktRcvRetrans}); a publisher's connection only receives media
     * and a reader's only sends it, so their sum is the one that direction has.
     */
    public static TransportStats of(SrtStats stats) {
        return new TransportStats(stats.rttMillis(), stats.packetsReceived(), stats.packetsLost(),
                stats.packetsRetransmitted() + stats.packetsReceivedRetransmitted(), stats.packetsDropped(),
                stats.bytesReceived(), stats.receiveBufferMillis(), stats.receiveBufferBytes(),
                stats.receiveRateMbps(), stats.bandwidthMbps(), stats.latencyMillis());
    }

    /** The statistics of {@code connection} now; empty when there is none yet or it has closed meanwhile. */
    public static Optional<TransportStats> read(SrtConnection connection) {
        if (connection == null || !connection.isOpen()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(connection.stats()));
        } catch (SrtException e) {
            return Optional.empty(); // closed between the check and the call: a listing shows no statistics
        }
    }
}
