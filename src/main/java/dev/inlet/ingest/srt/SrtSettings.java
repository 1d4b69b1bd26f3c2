package dev.inlet.ingest.srt;

import dev.inlet.core.StreamEncryption;
import dev.inlet.srt.SrtListenerSettings;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How SRT ingest listens: on when libsrt is present unless switched off. In the container these come from
 * MicroProfile Config ({@code inlet.srt.*}, read by {@code RtmpSettingsProducer}); tests build them directly.
 *
 * @param enabled          false keeps SRT off even where libsrt is installed
 * @param host             the address the UDP port binds
 * @param port             the UDP port; 0 binds an ephemeral one (tests)
 * @param latencyMillis    receiver latency offered in the handshake (libsrt agrees on the larger of both sides)
 * @param maxLatencyMillis the most latency a caller may ask for; a caller that brings more is closed at once,
 *                         with the reason in the log
 * @param maxBandwidthMbps ceiling of what one connection sends, retransmissions included (SRTO_MAXBW), in Mbit/s;
 *                         0 = libsrt's default
 * @param passphrase       server-wide passphrase (10 to 79 characters); empty = no encryption unless the stream has
 *                         its own
 * @param keyLengthBytes   AES key length Inlet states: 16, 24 or 32 bytes; 0 = the caller's choice (AES-128 when
 *                         it states none). A stream's own key length wins over it.
 */
public record SrtSettings(boolean enabled, String host, int port, int latencyMillis, int maxLatencyMillis,
                          int maxBandwidthMbps, Optional<String> passphrase, int keyLengthBytes) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    /** The longest latency accepted: beyond it a live stream is hardly live, and libsrt's buffers grow with it. */
    public static final int MAX_LATENCY_MILLIS = 60_000;
    /** 10 Gbit/s: a ceiling above that is no ceiling. */
    private static final int MAX_BANDWIDTH_MBPS = 10_000;

    public SrtSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(passphrase, "passphrase");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SRT port out of range: " + port);
        }
        if (latencyMillis < 0 || latencyMillis > MAX_LATENCY_MILLIS) {
            throw new IllegalArgumentException("SRT latency must be 0 to " + MAX_LATENCY_MILLIS + " ms: " + latencyMillis);
        }
        if (maxLatencyMillis < latencyMillis || maxLatencyMillis > MAX_LATENCY_MILLIS) {
            throw new IllegalArgumentException("SRT maximum latency must be " + latencyMillis + " (the latency) to "
                    + MAX_LATENCY_MILLIS + " ms: " + maxLatencyMillis);
        }
        if (maxBandwidthMbps < 0 || maxBandwidthMbps > MAX_BANDWIDTH_MBPS) {
            throw new IllegalArgumentException("SRT maximum bandwidth must be 0 (libsrt's default) to "
                    + MAX_BANDWIDTH_MBPS + " Mbit/s: " + maxBandwidthMbps);
        }
        passphrase = passphrase.filter(secret -> !secret.isEmpty());
        passphrase.ifPresent(StreamEncryption::requireValidPassphrase);
        if (keyLengthBytes != 0) {
            StreamEncryption.requireValidKeyLength(keyLengthBytes);
        }
    }

    /** On, every address, port 8890, 120 ms latency (a caller may ask up to 5 s), no passphrase. */
    public static SrtSettings defaults() {
        return new SrtSettings(true, DEFAULT_HOST, SrtListenerSettings.DEFAULT_PORT,
                SrtListenerSettings.DEFAULT_LATENCY_MILLIS, SrtListenerSettings.DEFAULT_MAX_LATENCY_MILLIS, 0,
                Optional.empty(), 0);
    }

    public SrtSettings withEnabled(boolean on) {
        return new SrtSettings(on, host, port, latencyMillis, maxLatencyMillis, maxBandwidthMbps, passphrase,
                keyLengthBytes);
    }

    public SrtSettings withAddress(String newHost, int newPort) {
        return new SrtSettings(enabled, newHost, newPort, latencyMillis, maxLatencyMillis, maxBandwidthMbps,
                passphrase, keyLengthBytes);
    }

    public SrtSettings withPassphrase(String secret) {
        return new SrtSettings(enabled, host, port, latencyMillis, maxLatencyMillis, maxBandwidthMbps,
                Optional.ofNullable(secret), keyLengthBytes);
    }

    public SrtSettings withLatency(int offeredMillis, int maxMillis) {
        return new SrtSettings(enabled, host, port, offeredMillis, maxMillis, maxBandwidthMbps, passphrase,
                keyLengthBytes);
    }

    public SrtSettings withMaxBandwidthMbps(int mbps) {
        return new SrtSettings(enabled, host, port, latencyMillis, maxLatencyMillis, mbps, passphrase,
                keyLengthBytes);
    }

    public SrtSettings withKeyLength(int bytes) {
        return new SrtSettings(enabled, host, port, latencyMillis, maxLatencyMillis, maxBandwidthMbps, passphrase,
                bytes);
    }

    /** What the SRT listener takes from these settings; its other limits keep the listener's defaults. */
    SrtListenerSettings listenerSettings() {
        SrtListenerSettings defaults = SrtListenerSettings.defaults(new InetSocketAddress(host, port));
        return new SrtListenerSettings(defaults.bindAddress(), latencyMillis, maxLatencyMillis,
                maxBandwidthMbps * 1_000_000L / 8, passphrase, keyLengthBytes, defaults.maxConnections(),
                defaults.backlog(), defaults.peerIdleTimeout());
    }

    /** Never shows the passphrase. */
    @Override
    public String toString() {
        return "SrtSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", latency=" + latencyMillis
                + " ms (at most " + maxLatencyMillis + " ms), maxBandwidth="
                + (maxBandwidthMbps == 0 ? "libsrt's default" : maxBandwidthMbps + " Mbit/s")
                + ", passphrase=" + (passphrase.isPresent() ? "set" : "none")
                + ", keyLength=" + (keyLengthBytes == 0 ? "the caller's" : keyLengthBytes * 8 + " bits") + "]";
    }
}
