package dev.inlet.ingest.srt;

import dev.inlet.srt.SrtListenerSettings;
import dev.inlet.srt.SrtVerdict;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How SRT ingest listens: on when libsrt is present unless switched off. In the container these come from
 * MicroProfile Config ({@code inlet.srt.*}, read by {@code RtmpSettingsProducer}); tests build them directly.
 *
 * @param enabled       false keeps SRT off even where libsrt is installed
 * @param host          the address the UDP port binds
 * @param port          the UDP port; 0 binds an ephemeral one (tests)
 * @param latencyMillis receiver latency offered in the handshake (libsrt agrees on the larger of both sides)
 * @param passphrase    server-wide passphrase (10 to 79 characters); empty = no encryption
 */
public record SrtSettings(boolean enabled, String host, int port, int latencyMillis, Optional<String> passphrase) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    /** The longest latency accepted: beyond it a live stream is hardly live, and libsrt's buffers grow with it. */
    public static final int MAX_LATENCY_MILLIS = 60_000;

    public SrtSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(passphrase, "passphrase");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SRT port out of range: " + port);
        }
        if (latencyMillis < 0 || latencyMillis > MAX_LATENCY_MILLIS) {
            throw new IllegalArgumentException("SRT latency must be 0 to " + MAX_LATENCY_MILLIS + " ms: " + latencyMillis);
        }
        passphrase = passphrase.filter(secret -> !secret.isEmpty());
        passphrase.ifPresent(SrtVerdict::requireValidPassphrase);
    }

    /** On, every address, port 8890, 120 ms latency, no passphrase. */
    public static SrtSettings defaults() {
        return new SrtSettings(true, DEFAULT_HOST, SrtListenerSettings.DEFAULT_PORT,
                SrtListenerSettings.DEFAULT_LATENCY_MILLIS, Optional.empty());
    }

    public SrtSettings withEnabled(boolean on) {
        return new SrtSettings(on, host, port, latencyMillis, passphrase);
    }

    public SrtSettings withAddress(String newHost, int newPort) {
        return new SrtSettings(enabled, newHost, newPort, latencyMillis, passphrase);
    }

    public SrtSettings withPassphrase(String secret) {
        return new SrtSettings(enabled, host, port, latencyMillis, Optional.ofNullable(secret));
    }

    /** What the SRT listener takes from these settings; its other limits keep the listener's defaults. */
    SrtListenerSettings listenerSettings() {
        SrtListenerSettings defaults = SrtListenerSettings.defaults(new InetSocketAddress(host, port));
        return new SrtListenerSettings(defaults.bindAddress(), latencyMillis, defaults.maxBandwidthBytesPerSecond(),
                passphrase, defaults.keyLengthBytes(), defaults.maxConnections(), defaults.backlog(),
                defaults.peerIdleTimeout());
    }

    /** Never shows the passphrase. */
    @Override
    public String toString() {
        return "SrtSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", latency=" + latencyMillis
                + " ms, passphrase=" + (passphrase.isPresent() ? "set" : "none") + "]";
    }
}
