package dev.inlet.embedded;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads back the configuration written from Payara's real built-in domain.xml. */
class PayaraDomainConfigTest {

    private static final String CONFIG = "/domain/configs/config[@name='server-config']";

    private static Document domain;
    private static Path database;

    @BeforeAll
    static void writeAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested").resolve("domain.xml");
        database = dir.resolve("data").resolve("inlet");
        PayaraDomainConfig.write(file, "127.0.0.1", 18080, database);
        domain = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void theHttpListenerIsTheOnlyEnabledNetworkListener() throws Exception {
        List<String> enabled = new ArrayList<>();
        NodeList listeners = select(CONFIG + "/network-config/network-listeners/network-listener");
        for (int i = 0; i < listeners.getLength(); i++) {
            Element listener = (Element) listeners.item(i);
            if (!"false".equals(listener.getAttribute("enabled"))) {
                enabled.add(listener.getAttribute("name"));
            }
        }
        assertThat(enabled).containsExactly("http-listener");
    }

    @Test
    void theHttpListenerTakesTheGivenAddressAndPort() throws Exception {
        Element http = (Element) select(CONFIG + "/network-config/network-listeners/network-listener[@name='http-listener']").item(0);

        assertThat(http.getAttribute("address")).isEqualTo("127.0.0.1");
        assertThat(http.getAttribute("port")).isEqualTo("18080");
    }

    @Test
    void iiopJmxJmsAndTheDataGridAreOff() throws Exception {
        NodeList iiop = select(CONFIG + "/iiop-service/iiop-listener");
        assertThat(iiop.getLength()).isPositive();
        for (int i = 0; i < iiop.getLength(); i++) {
            assertThat(((Element) iiop.item(i)).getAttribute("enabled")).isEqualTo("false");
            assertThat(((Element) iiop.item(i)).getAttribute("address")).isEqualTo("127.0.0.1");
        }
        assertThat(attribute(CONFIG + "/admin-service/jmx-connector", "enabled")).isEqualTo("false");
        assertThat(attribute(CONFIG + "/jms-service", "type")).isEqualTo("DISABLED");
        assertThat(attribute(CONFIG + "/hazelcast-config-specific-configuration", "enabled")).isEqualTo("false");
    }

    @Test
    void noProtocolSendsXPoweredBy() throws Exception {
        NodeList http = select(CONFIG + "/network-config/protocols/protocol/http");
        assertThat(http.getLength()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < http.getLength(); i++) {
            assertThat(((Element) http.item(i)).getAttribute("xpowered-by")).isEqualTo("false");
        }
    }

    @Test
    void theAdminVirtualServerKeepsNoListenerPayaraWouldRefuse() throws Exception {
        assertThat(attribute(CONFIG + "/http-service/virtual-server[@id='__asadmin']", "network-listeners")).isEmpty();
    }

    @Test
    void theDefaultDataSourceIsAnH2FileOutsidePayarasThrowAwayInstance() throws Exception {
        String pool = attribute("/domain/resources/jdbc-resource[@jndi-name='jdbc/__default']", "pool-name");
        String url = attribute("/domain/resources/jdbc-connection-pool[@name='" + pool + "']/property[@name='URL']", "value");

        // H2 must not close the database from its own shutdown hook while the application still releases leases.
        assertThat(url).isEqualTo("jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    private static String attribute(String path, String name) throws Exception {
        NodeList nodes = select(path);
        assertThat(nodes.getLength()).as(path).isEqualTo(1);
        return ((Element) nodes.item(0)).getAttribute(name);
    }

    private static NodeList select(String path) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, domain, XPathConstants.NODESET);
    }
}
