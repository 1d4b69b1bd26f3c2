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
 * @param maxBandwidthBytesPerSecond ceiling for what a connection sends, 0 = libsrt's default (unlimited)
 * @param passphrase server-wide passphrase (10 to 79 characters), empty = no encryption unless the admission gives
 *        one for the connection
 * @param keyLengthBytes AES key length for encryption this side starts: 16, 24 or 32
 * @param maxConnections established plus admitted-but-not-yet-accepted connections; callers beyond it are rejected
 *        with {@link SrtRejectReason#OVERLOAD}
 * @param backlog handshakes libsrt queues before Inlet accepts them
 * @param peerIdleTimeout how long a silent peer keeps its connection
 */
public record SrtListenerSettings(InetSocketAddress bindAddress, int latencyMillis, long maxBandwidthBytesPerSecond,
                                  Optional<String> passphrase, int keyLengthBytes, int maxConnections, int backlog,
                                  Duration peerIdleTimeout) {

    public static final int DEFAULT_PORT = 8890;
    public static final int DEFAULT_LATENCY_MILLIS = 120;

    public SrtListenerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(peerIdleTimeout, "peerIdleTimeout");
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (maxBandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("max bandwidth must not be negative");
        }
        passphrase.ifPresent(SrtVerdict::requireValidPassphrase);
        if (keyLengthBytes != 16 && keyLengthBytes != 24 && keyLengthBytes != 32) {
            throw new IllegalArgumentException("key length is 16, 24 or 32 bytes (AES-128/192/256)");
        }
        if (maxConnections < 1 || backlog < 1) {
            throw new IllegalArgumentException("maxConnections and backlog must be positive");
        }
    }

    /** Defaults on {@code bindAddress}: 120 ms latency, no encryption, 1,000 connections, 5 s idle timeout. */
    public static SrtListenerSettings defaults(InetSocketAddress bindAddress) {
        return new SrtListenerSettings(bindAddress, DEFAULT_LATENCY_MILLIS, 0, Optional.empty(), 16, 1000, 64,
                Duration.ofSeconds(5));
    }

    public SrtListenerSettings withPassphrase(String serverPassphrase) {
        return new SrtListenerSettings(bindAddress, latencyMillis, maxBandwidthBytesPerSecond,
                Optional.of(serverPassphrase), keyLengthBytes, maxConnections, backlog, peerIdleTimeout);
    }

    public SrtListenerSettings withMaxConnections(int limit) {
        return new SrtListenerSettings(bindAddress, latencyMillis, maxBandwidthBytesPerSecond, passphrase,
                keyLengthBytes, limit, backlog, peerIdleTimeout);
    }
}
