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
        return of(stats, 0);
    }

    /** @param keyLengthBytes the connection's AES key length, 0 when it is not encrypted */
    public static TransportStats of(SrtStats stats, int keyLengthBytes) {
        return new TransportStats(stats.rttMillis(), stats.packetsReceived(), stats.packetsLost(),
                stats.packetsRetransmitted() + stats.packetsReceivedRetransmitted(), stats.packetsDropped(),
                stats.bytesReceived(), stats.receiveBufferMillis(), stats.receiveBufferBytes(),
                stats.receiveRateMbps(), stats.bandwidthMbps(), stats.latencyMillis(), keyLengthBytes * 8);
    }

    /** The statistics of {@code connection} now; empty when there is none yet or it has closed meanwhile. */
    public static Optional<TransportStats> read(SrtConnection connection) {
        if (connection == null || !connection.isOpen()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(connection.stats(), connection.keyLengthBytes()));
        } catch (SrtException e) {
            return Optional.empty(); // closed between the check and the call: a listing shows no statistics
        }
    }
}
