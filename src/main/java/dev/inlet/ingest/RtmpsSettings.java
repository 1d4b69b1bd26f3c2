package dev.inlet.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The RTMPS (RTMP over TLS) listener: the same server on a second port, with the certificate and private key
 * from a keystore. There is no default keystore, so there are no defaults beyond port and keystore type.
 *
 * @param port         0 binds an ephemeral port (tests)
 * @param keystoreType {@code PKCS12} or {@code JKS}
 */
public record RtmpsSettings(int port, Path keystore, String keystorePassword, String keystoreType) {

    public static final int DEFAULT_PORT = 1936;
    public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";

    public RtmpsSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("RTMPS port out of range: " + port);
        }
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(keystoreType, "keystoreType");
    }

    @Override
    public String toString() {
        return "RtmpsSettings[port=" + port + ", keystore=" + keystore + ", type=" + keystoreType + "]";
    }
}
