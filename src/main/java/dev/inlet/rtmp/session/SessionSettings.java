package dev.inlet.rtmp.session;

import dev.inlet.rtmp.amf.AmfLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * Protocol parameters a server session announces and obeys.
 *
 * @param outgoingChunkSize     chunk size announced after connect (4096 keeps per-chunk overhead low)
 * @param windowAckSize         acknowledgement window announced to the peer
 * @param peerBandwidth         Set Peer Bandwidth value announced to the peer
 * @param publisherReadTimeout  a publisher that sends nothing for this long is considered dead, so its
 *                              stream key is free again (a TCP connection that died without a close
 *                              gives no other sign)
 * @param idleTimeout           a connection that neither publishes nor plays is closed after this long
 *                              without a message
 * @param playerAckTimeout      a player is closed when it has sent nothing (not even an Acknowledgement) for
 *                              this long although more than two acknowledgement windows of data went to it
 *                              in that time; zero disables the check (see {@link SessionLiveness})
 * @param commandsPerSecond     commands (and pings, bandwidth messages) a connection may send per second on
 *                              average; zero or less: unlimited
 * @param commandBurst          how many of them may come at once
 */
public record SessionSettings(int outgoingChunkSize, long windowAckSize, long peerBandwidth, AmfLimits amfLimits,
                              Duration publisherReadTimeout, Duration idleTimeout, Duration playerAckTimeout,
                              int commandsPerSecond, int commandBurst) {

    public SessionSettings {
        Objects.requireNonNull(amfLimits, "amfLimits");
        if (outgoingChunkSize < 1 || windowAckSize < 1 || peerBandwidth < 1) {
            throw new IllegalArgumentException("chunk size, acknowledgement window and peer bandwidth must be positive: "
                    + outgoingChunkSize + ", " + windowAckSize + ", " + peerBandwidth);
        }
        if (!positive(publisherReadTimeout) || !positive(idleTimeout) || playerAckTimeout.isNegative()) {
            throw new IllegalArgumentException("session timeouts must be positive (the player ack timeout may be zero): "
                    + publisherReadTimeout + ", " + idleTimeout + ", " + playerAckTimeout);
        }
        if (commandBurst < 0) {
            throw new IllegalArgumentException("command burst must not be negative: " + commandBurst);
        }
    }

    public static SessionSettings defaults() {
        return new SessionSettings(4096, 2_500_000, 2_500_000, AmfLimits.defaults(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 20, 40);
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
