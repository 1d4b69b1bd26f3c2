package dev.inlet.srt;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link SrtListener} listens.
 *
 * @param bindAddress UDP address; port 0 picks a free one (tests)
 * @param latencyMillis receiver latency offered in the handshake (libsrt agrees on the larger of both sides)
 * @param maxLatencyMillis the largest latency a caller may bring: libsrt agrees on the larger of both sides and keeps
 *        that much media in its buffers, so a connection that agreed on more is closed as soon as it is accepted
 *        (libsrt tells the listener the caller's latency only then)
 * @param maxBandwidthBytesPerSecond ceiling for what a connection sends (SRTO_MAXBW, retransmissions included),
 *        0 = libsrt's default
 * @param passphrase server-wide passphrase (10 to 79 characters), empty = no encryption unless the admission gives
 *        one for the connection
 * @param keyLengthBytes AES key length this side states: 16, 24 or 32; 0 states none, so the caller's choice holds
 *        (AES-128 when neither states one). Stated on both sides, the listener's wins.
 * @param maxConnections established plus admitted-but-not-yet-accepted connections; callers beyond it are rejected
 *        with {@link SrtRejectReason#OVERLOAD}
 * @param backlog handshakes libsrt queues before Inlet accepts them
 * @param peerIdleTimeout how long a silent peer keeps its connection
 */
public record SrtListenerSettings(InetSocketAddress bindAddress, int latencyMillis, int maxLatencyMillis,
                                  long maxBandwidthBytesPerSecond, Optional<String> passphrase, int keyLengthBytes,
                                  int maxConnections, int backlog, Duration peerIdleTimeout) {

    public static final int DEFAULT_PORT = 8890;
    public static final int DEFAULT_LATENCY_MILLIS = 120;
    /** Ten times the default: room for long-haul links (SRT's advice is 3–4 RTTs), not for minutes of buffer. */
    public static final int DEFAULT_MAX_LATENCY_MILLIS = 5_000;

    public SrtListenerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(peerIdleTimeout, "peerIdleTimeout");
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (maxLatencyMillis < latencyMillis) {
            throw new IllegalArgumentException("the maximum latency (" + maxLatencyMillis
                    + " ms) must not be below the latency offered (" + latencyMillis + " ms)");
        }
        if (maxBandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("max bandwidth must not be negative");
        }
        passphrase.ifPresent(SrtVerdict::requireValidPassphrase);
        if (keyLengthBytes != 0) {
            SrtVerdict.requireValidKeyLength(keyLengthBytes);
        }
        if (maxConnections < 1 || backlog < 1) {
            throw new IllegalArgumentException("maxConnections and backlog must be positive");
        }
    }

    /**
     * Defaults on {@code bindAddress}: 120 ms latency (at most 5 s from a caller), no encryption, the caller's key
     * length, 1,000 connections, 5 s idle timeout.
     */
    public static SrtListenerSettings defaults(InetSocketAddress bindAddress) {
        return new SrtListenerSettings(bindAddress, DEFAULT_LATENCY_MILLIS, DEFAULT_MAX_LATENCY_MILLIS, 0,
                Optional.empty(), 0, 1000, 64, Duration.ofSeconds(5));
    }

    public SrtListenerSettings withPassphrase(String serverPassphrase) {
        return new SrtListenerSettings(bindAddress, latencyMillis, maxLatencyMillis, maxBandwidthBytesPerSecond,
                Optional.of(serverPassphrase), keyLengthBytes, maxConnections, backlog, peerIdleTimeout);
    }

    public SrtListenerSettings withMaxConnections(int limit) {
        return new SrtListenerSettings(bindAddress, latencyMillis, maxLatencyMillis, maxBandwidthBytesPerSecond,
                passphrase, keyLengthBytes, limit, backlog, peerIdleTimeout);
    }

    public SrtListenerSettings withLatency(int offeredMillis, int maxMillis) {
        return new SrtListenerSettings(bindAddress, offeredMillis, maxMillis, maxBandwidthBytesPerSecond, passphrase,
                keyLengthBytes, maxConnections, backlog, peerIdleTimeout);
    }

    public SrtListenerSettings withMaxBandwidth(long bytesPerSecond) {
        return new SrtListenerSettings(bindAddress, latencyMillis, maxLatencyMillis, bytesPerSecond, passphrase,
                keyLengthBytes, maxConnections, backlog, peerIdleTimeout);
    }

    public SrtListenerSettings withKeyLength(int bytes) {
        return new SrtListenerSettings(bindAddress, latencyMillis, maxLatencyMillis, maxBandwidthBytesPerSecond,
                passphrase, bytes, maxConnections, backlog, peerIdleTimeout);
    }
}
