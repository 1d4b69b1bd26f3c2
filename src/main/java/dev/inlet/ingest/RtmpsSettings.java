package dev.inlet.ingest;

import java.nio.file.Path;

/**
 * The RTMPS (RTMP over TLS) listener: the same server on a second port, with the certificate and private key
 * from a keystore.
 *
 * @param port         0 binds an ephemeral port (tests)
 * @param keystoreType {@code PKCS12} or {@code JKS}
 */
public record RtmpsSettings(int port, Path keystore, String keystorePassword, String keystoreType) {

    @Override
    public String toString() {
        return "RtmpsSettings[port=" + port + ", keystore=" + keystore + ", type=" + keystoreType + "]";
    }
}
