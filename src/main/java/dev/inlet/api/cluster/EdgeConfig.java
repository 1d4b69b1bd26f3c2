package dev.inlet.api.cluster;

import dev.inlet.core.PlayTokenSecret;
import dev.inlet.edge.EdgeSettings;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of play anywhere, from MicroProfile Config: {@code inlet.cluster.secret} (the same on every node;
 * without it there are no edge pulls), {@code inlet.cluster.advertise-address} ({@code host:port} where the other
 * nodes reach this node's RTMP listener; by default this host's name and the RTMP port) and
 * {@code inlet.cluster.edge-idle-timeout-seconds} (a pull stops this long after its last local reader left).
 */
record EdgeConfig(Optional<byte[]> secret, String advertiseAddress, EdgeSettings settings) {

    static final String SECRET = "inlet.cluster.secret";

    /** @param boundRtmpPort the RTMP listener's port, or -1 when it is not bound yet (the configured one is used) */
    static EdgeConfig read(int boundRtmpPort) {
        Config config = ConfigProvider.getConfig();
        int rtmpPort = boundRtmpPort > 0 ? boundRtmpPort
                : config.getOptionalValue("inlet.rtmp.port", Integer.class).orElse(1935);
        Optional<byte[]> secret = config.getOptionalValue(SECRET, String.class).filter(s -> !s.isBlank())
                .map(s -> PlayTokenSecret.of(s, SECRET));
        String address = config.getOptionalValue("inlet.cluster.advertise-address", String.class)
                .filter(s -> !s.isBlank()).map(String::strip).orElseGet(() -> localHost() + ":" + rtmpPort);
        try {
            dev.inlet.edge.Origin.of("this node", address, 1); // the other nodes will read it so: refuse it now if they cannot
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inlet.cluster.advertise-address must be host:port (the RTMP listener "
                    + "other nodes reach), not " + address, e);
        }
        EdgeSettings d = EdgeSettings.defaults();
        EdgeSettings settings = new EdgeSettings(Duration.ofSeconds(config.getOptionalValue(
                "inlet.cluster.edge-idle-timeout-seconds", Long.class).orElse(d.idleTimeout().toSeconds())),
                d.startTimeout(), d.connectTimeout(), d.checkPeriod());
        return new EdgeConfig(secret, address, settings);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
