package dev.inlet.embedded;

import org.glassfish.embeddable.GlassFishProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns launch settings into embedded Payara's start-up properties: where its instance lives
 * and its locked-down configuration file (see {@link PayaraDomainConfig}), which includes the HTTP listener.
 */
final class PayaraSettings {

    private PayaraSettings() {
    }

    static GlassFishProperties of(LaunchSettings settings) throws IOException {
        Path payaraDir = settings.payaraDir();
        Path domainXml = payaraDir.resolve("domain.xml");
        // Rewritten on every start so it always matches the Payara version on the class path.
        // Streams and keys live beside Payara's directory (<data dir>/inlet.mv.db), so they survive restarts.
        PayaraDomainConfig.write(domainXml, settings.httpHost(), settings.httpPort(),
                payaraDir.getParent().resolve("inlet"), settings.database().orElse(null));

        GlassFishProperties properties = new GlassFishProperties();
        // Payara makes a fresh instance directory (gfembed*tmp) inside this one, seeds it with its
        // keystores and our domain.xml, and deletes it on dispose: every start begins clean.
        Files.createDirectories(payaraDir);
        properties.setProperty("glassfish.embedded.tmpdir", payaraDir.toString());
        properties.setConfigFileURI(domainXml.toUri().toString());
        // The launcher changes nothing at run time that should survive a restart.
        properties.setConfigFileReadOnly(true);
        return properties;
    }
}
