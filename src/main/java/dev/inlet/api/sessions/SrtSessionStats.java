package dev.inlet.api.sessions;

import dev.inlet.core.TransportStats;

/**
 * The {@code srt} object of an SRT session in {@code GET /api/v1/sessions}: libsrt's view of the link when the list
 * was made. Counters ({@code packets*}, {@code bytesReceived}) are totals since the caller connected.
 *
 * @param rttMs smoothed round-trip time
 * @param packetsReceived data packets received, retransmissions included
 * @param packetsLost packets found missing (most are recovered by retransmission)
 * @param packetsRetransmitted packets sent again (by the encoder for a publisher, by Inlet for a reader)
 * @param packetsDropped packets given up on as too late to play (what the viewers lose)
 * @param bytesReceived payload bytes received
 * @param receiveBufferMs the time span received and not yet delivered to Inlet
 * @param receiveBufferBytes the bytes received and not yet delivered to Inlet
 * @param receiveRateMbps the current receiving rate
 * @param bandwidthMbps libsrt's estimate of the link's bandwidth
 * @param latencyMs the latency agreed in the handshake
 * @param encryptionKeyBits AES key length of the link (128, 192, 256), 0 when it is not encrypted
 */
public record SrtSessionStats(double rttMs, long packetsReceived, long packetsLost, long packetsRetransmitted,
                              long packetsDropped, long bytesReceived, int receiveBufferMs, int receiveBufferBytes,
                              double receiveRateMbps, double bandwidthMbps, int latencyMs, int encryptionKeyBits) {

    /** The {@code srt} object of a session over SRT that has statistics; null (left out of the JSON) otherwise. */
    static SrtSessionStats of(String protocol, java.util.Optional<TransportStats> stats) {
        if (!"srt".equals(protocol)) {
            return null;
        }
        return stats.map(s -> new SrtSessionStats(s.rttMillis(), s.packetsReceived(), s.packetsLost(),
                s.packetsRetransmitted(), s.packetsDropped(), s.bytesReceived(), s.receiveBufferMillis(),
                s.receiveBufferBytes(), s.receiveRateMbps(), s.bandwidthMbps(), s.latencyMillis(),
                s.encryptionKeyBits())).orElse(null);
    }
}
