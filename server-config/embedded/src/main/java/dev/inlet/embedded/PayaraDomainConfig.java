package dev.inlet.embedded;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the domain.xml that embedded Payara runs Inlet with: Payara's own built-in embedded
 * configuration, with every listener but HTTP switched off or kept on the loopback interface.
 *
 * <p>Payara Embedded opens HTTPS (8181), admin (4848), IIOP (3700, 3820, 3920), JMX (8686), a
 * lazy JMS broker proxy (7676, on all interfaces) and a Hazelcast data grid (4900) by default.
 * Inlet needs none of them; left on, they expose ports nobody asked for and make two instances
 * on one machine (a running server and a test run) collide. Most can be switched off with
 * start-up properties, but the JMS service only enters the configuration after start, so the
 * configuration file itself is the one place that reaches all of them. It also carries the HTTP
 * listener's address and port, because Arquillian's container ignores its own port settings
 * once it is given a configuration file.
 *
 * <p>Used by the launcher on every start and by the EAR's container test, so both run the same.
 */
public final class PayaraDomainConfig {

    /** Where payara-embedded-all keeps the configuration it uses when given none. */
    private static final String BUILT_IN = "config/domain.xml";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String SERVER_CONFIG = "/domain/configs/config[@name='server-config']";

    private PayaraDomainConfig() {
    }

    /**
     * Writes the locked-down configuration to {@code target}, creating its directory.
     *
     * @param httpAddress the address the HTTP listener binds to
     * @param httpPort    the port of the HTTP listener
     */
    public static void write(Path target, String httpAddress, int httpPort) throws IOException {
        write(target, httpAddress, httpPort, null);
    }

    /**
     * As {@link #write(Path, String, int)}, with the default data source ({@code jdbc/__default},
     * where the stream registry keeps streams and keys) on an H2 file database at {@code database}
     * instead of inside Payara's instance directory, which embedded Payara deletes on every stop.
     *
     * @param database the H2 database file without its {@code .mv.db} suffix, or null to keep Payara's
     */
    public static void write(Path target, String httpAddress, int httpPort, Path database) throws IOException {
        write(target, httpAddress, httpPort, database, null);
    }

    /** As {@link #write(Path, String, int, Path)}, with {@code external} (when not null) instead of the H2 file. */
    static void write(Path target, String httpAddress, int httpPort, Path database, ExternalDatabase external)
            throws IOException {
        Document domain = builtIn();
        lockDown(domain);
        addDefaultConcurrencyResources(domain);
        if (external != null) {
            pointDefaultDataSourceAt(domain, external);
        } else if (database != null) {
            pointDefaultDataSourceAt(domain, database);
        }
        Element http = single(domain,
                SERVER_CONFIG + "/network-config/network-listeners/network-listener[@name='http-listener']");
        http.setAttribute("address", httpAddress);
        http.setAttribute("port", Integer.toString(httpPort));
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(domain), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("cannot write " + target, e);
        }
    }

    private static Document builtIn() throws IOException {
        try (InputStream in = PayaraDomainConfig.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IOException(BUILT_IN + " not found: is payara-embedded-all on the class path?");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read Payara's built-in " + BUILT_IN, e);
        }
    }

    private static void lockDown(Document domain) throws IOException {
        String listeners = SERVER_CONFIG + "/network-config/network-listeners/network-listener";
        disable(domain, listeners + "[@name='https-listener']", true);
        disable(domain, listeners + "[@name='admin-listener']", true);
        // Payara refuses a disabled listener on its admin virtual server; embedded needs neither.
        single(domain, SERVER_CONFIG + "/http-service/virtual-server[@id='__asadmin']").setAttribute("network-listeners", "");
        disable(domain, SERVER_CONFIG + "/iiop-service/iiop-listener", true);
        disable(domain, SERVER_CONFIG + "/admin-service/jmx-connector", true);
        disable(domain, SERVER_CONFIG + "/hazelcast-config-specific-configuration", false);

        hideServerIdentity(domain);

        Element config = single(domain, SERVER_CONFIG);
        if (config.getElementsByTagName("jms-service").getLength() == 0) {
            Element jms = domain.createElement("jms-service");
            jms.setAttribute("type", "DISABLED");
            config.appendChild(jms);
        }
    }

    /**
     * No {@code X-Powered-By} header (it names the servlet version, Payara and the Java version and vendor) on
     * any protocol, the disabled ones included, should one be switched on.
     */
    private static void hideServerIdentity(Document domain) throws IOException {
        NodeList protocols = select(domain, SERVER_CONFIG + "/network-config/protocols/protocol/http");
        if (protocols.getLength() == 0) {
            throw new IOException("Payara's built-in domain.xml has no HTTP protocol: has its layout changed?");
        }
        for (int i = 0; i < protocols.getLength(); i++) {
            ((Element) protocols.item(i)).setAttribute("xpowered-by", "false");
        }
    }

    /**
     * Payara's built-in embedded configuration lacks the Jakarta Concurrency default resources that a
     * full domain has, so {@code java:comp/DefaultManagedThreadFactory} (where Inlet's transport takes
     * its threads from) would not resolve. They are declared here exactly as a server domain has them.
     */
    private static void addDefaultConcurrencyResources(Document domain) throws IOException {
        Element resources = single(domain, "/domain/resources");
        Element server = single(domain, "/domain/servers/server[@name='server']");
        String[][] defaults = {
                {"context-service", "concurrent/__defaultContextService"},
                {"managed-executor-service", "concurrent/__defaultManagedExecutorService"},
                {"managed-scheduled-executor-service", "concurrent/__defaultManagedScheduledExecutorService"},
                {"managed-thread-factory", "concurrent/__defaultManagedThreadFactory"},
        };
        for (String[] resource : defaults) {
            if (select(domain, "/domain/resources/" + resource[0] + "[@jndi-name='" + resource[1] + "']").getLength() > 0) {
                continue;
            }
            Element element = domain.createElement(resource[0]);
            element.setAttribute("object-type", "system-all");
            element.setAttribute("jndi-name", resource[1]);
            resources.appendChild(element);
            Element ref = domain.createElement("resource-ref");
            ref.setAttribute("ref", resource[1]);
            server.appendChild(ref);
        }
    }

    /**
     * Re-points the pool behind {@code jdbc/__default} to an H2 file. No AUTO_SERVER: it would open a
     * TCP port; H2's file lock instead stops a second instance from opening the same data directory.
     */
    private static void pointDefaultDataSourceAt(Document domain, Path database) throws IOException {
        Element resource = single(domain, "/domain/resources/jdbc-resource[@jndi-name='jdbc/__default']");
        Element pool = single(domain, "/domain/resources/jdbc-connection-pool[@name='"
                + resource.getAttribute("pool-name") + "']");
        Element url = single(domain, "/domain/resources/jdbc-connection-pool[@name='"
                + resource.getAttribute("pool-name") + "']/property[@name='URL']");
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would otherwise close the database while the
        // application's @PreDestroy still releases leases ("Database is already closed").
        url.setAttribute("value", "jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        pool.setAttribute("is-connection-validation-required", "true");
        // Payara's default validation method ("table") needs a table name and fails without one.
        pool.setAttribute("connection-validation-method", "auto-commit");
    }

    /**
     * Re-points the pool behind {@code jdbc/__default} to PostgreSQL or MariaDB: the driver's DataSource class (the
     * drivers are on the launcher's class path) with the URL, user and password as its properties.
     */
    private static void pointDefaultDataSourceAt(Document domain, ExternalDatabase external) throws IOException {
        Element resource = single(domain, "/domain/resources/jdbc-resource[@jndi-name='jdbc/__default']");
        Element pool = single(domain, "/domain/resources/jdbc-connection-pool[@name='"
                + resource.getAttribute("pool-name") + "']");
        while (pool.getFirstChild() != null) {
            pool.removeChild(pool.getFirstChild());
        }
        pool.setAttribute("datasource-classname", external.dataSourceClass());
        pool.setAttribute("res-type", "javax.sql.DataSource");
        pool.setAttribute("is-connection-validation-required", "true");
        pool.setAttribute("connection-validation-method", "meta-data");
        pool.setAttribute("fail-all-connections", "true");
        pool.setAttribute("max-wait-time-in-millis", "5000");
        addProperty(pool, "url", external.url());
        if (external.user() != null) {
            addProperty(pool, "user", external.user());
        }
        if (external.password() != null) {
            addProperty(pool, "password", external.password());
        }
    }

    private static void addProperty(Element pool, String name, String value) {
        Element property = pool.getOwnerDocument().createElement("property");
        property.setAttribute("name", name);
        property.setAttribute("value", value);
        pool.appendChild(property);
    }

    /** Switches off every element the path selects (and binds it to loopback, should it ever start). */
    private static void disable(Document domain, String path, boolean hasAddress) throws IOException {
        NodeList nodes = select(domain, path);
        if (nodes.getLength() == 0) {
            throw new IOException("Payara's built-in domain.xml has no " + path + ": has its layout changed?");
        }
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            element.setAttribute("enabled", "false");
            if (hasAddress) {
                element.setAttribute("address", LOOPBACK);
            }
        }
    }

    private static Element single(Document domain, String path) throws IOException {
        NodeList nodes = select(domain, path);
        if (nodes.getLength() != 1) {
            throw new IOException("Payara's built-in domain.xml has " + nodes.getLength() + " of " + path);
        }
        return (Element) nodes.item(0);
    }

    private static NodeList select(Document domain, String path) throws IOException {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, domain, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IOException("bad path " + path, e);
        }
    }
}
