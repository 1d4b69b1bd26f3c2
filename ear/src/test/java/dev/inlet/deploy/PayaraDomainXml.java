package dev.inlet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Edits a freshly created, not yet started domain.xml so that its HTTP, admin, IIOP and JMX listeners
 * bind to one address. create-domain offers no option for it, and {@code asadmin set} would need the
 * server already running on all interfaces. (Hazelcast and the embedded JMS broker keep their own
 * binding; their ports still move with --portbase.)
 */
final class PayaraDomainXml {

    /** A network-listener element that does not name an address binds to all of them. */
    private static final Pattern LISTENER_WITHOUT_ADDRESS = Pattern.compile("<network-listener (?![^>]*\\baddress=)");

    private PayaraDomainXml() {
    }

    static void bindListenersTo(Path domainXml, String address) {
        try {
            String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
            String bound = LISTENER_WITHOUT_ADDRESS.matcher(xml)
                    .replaceAll("<network-listener address=\"" + address + "\" ")
                    .replace("address=\"0.0.0.0\"", "address=\"" + address + "\"");
            if (bound.equals(xml)) {
                throw new IllegalStateException("no listener to rebind in " + domainXml + "; has its format changed?");
            }
            Files.writeString(domainXml, bound, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
