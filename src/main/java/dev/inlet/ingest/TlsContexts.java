package dev.inlet.ingest;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the server's TLS context from the RTMPS keystore with the JDK alone (no container or Grizzly helper). */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLContext load(RtmpsSettings tls) {
        char[] password = tls.keystorePassword() == null ? new char[0] : tls.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore store = KeyStore.getInstance(tls.keystoreType());
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RTMPS keystore " + tls.keystore(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the RTMPS keystore " + tls.keystore() + " (type "
                    + tls.keystoreType() + "): " + e.getMessage(), e);
        }
    }
}
