package dev.inlet.core;

/**
 * What a packet transport with its own recovery (SRT today) reports about one session's link, whatever the
 * transport: the core carries it to administrators and meters without knowing where it came from. Counters are
 * totals since the session connected; the rest are values of the moment.
 *
 * @param rttMillis smoothed round-trip time
 * @param packetsReceived data packets received, retransmissions included
 * @param packetsLost packets found missing (many are then recovered by retransmission)
 * @param packetsRetransmitted packets sent again, in whichever direction the session carries media
 * @param packetsDropped packets given up on because they came too late to be played
 * @param bytesReceived payload bytes received
 * @param receiveBufferMillis the time span of what was received and not yet delivered to Inlet
 * @param receiveBufferBytes the bytes of what was received and not yet delivered to Inlet
 * @param receiveRateMbps the current receiving rate
 * @param bandwidthMbps the estimated link bandwidth
 * @param latencyMillis the latency agreed with the peer
 * @param encryptionKeyBits the AES key length the link is encrypted with, 0 when it is not
 */
public record TransportStats(double rttMillis, long packetsReceived, long packetsLost, long packetsRetransmitted,
                             long packetsDropped, long bytesReceived, int receiveBufferMillis, int receiveBufferBytes,
                             double receiveRateMbps, double bandwidthMbps, int latencyMillis, int encryptionKeyBits) {

    /** An unencrypted link. */
    public TransportStats(double rttMillis, long packetsReceived, long packetsLost, long packetsRetransmitted,
                          long packetsDropped, long bytesReceived, int receiveBufferMillis, int receiveBufferBytes,
                          double receiveRateMbps, double bandwidthMbps, int latencyMillis) {
        this(rttMillis, packetsReceived, packetsLost, packetsRetransmitted, packetsDropped, bytesReceived,
                receiveBufferMillis, receiveBufferBytes, receiveRateMbps, bandwidthMbps, latencyMillis, 0);
    }
}
