package dev.inlet.container;

import dev.inlet.embedded.PayaraDomainConfig;
import org.jboss.arquillian.config.descriptor.api.ArquillianDescriptor;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fits Arquillian's embedded Payara container to Inlet (registered in
 * META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension).
 */
public class EmbeddedPayaraExtension implements LoadableExtension {

    /** System properties (set by failsafe): the domain.xml to write and the test server's HTTP port. */
    static final String DOMAIN_XML_PROPERTY = "inlet.it.domain-xml";
    static final String HTTP_PORT_PROPERTY = "inlet.it.http.port";

    /** The servlet Arquillian's Jakarta servlet protocol adds to the web module under test. */
    static final String TEST_SERVLET = "ArquillianServletRunnerEE9";

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(DomainConfigWriter.class);
        builder.observer(RootContextServlet.class);
    }

    /**
     * Gives the test server the launcher's locked-down configuration (only HTTP listens, here on
     * 127.0.0.1 and a test port; HTTPS, admin, IIOP, JMX, JMS and the data grid are off) by writing the domain.xml that
     * arquillian.xml points at, so a test run never collides with a running Inlet or another test JVM.
     */
    public static class DomainConfigWriter {

        /**
         * Runs as soon as arquillian.xml is read and before the container registry is built from
         * it (hence the precedence), because the container checks then that the file exists.
         */
        public void writeDomainConfig(@Observes(precedence = 100) ArquillianDescriptor descriptor) throws IOException {
            String target = System.getProperty(DOMAIN_XML_PROPERTY);
            Integer httpPort = Integer.getInteger(HTTP_PORT_PROPERTY);
            if (target == null || httpPort == null) {
                throw new IllegalStateException(DOMAIN_XML_PROPERTY + " and " + HTTP_PORT_PROPERTY
                        + " are not set: run this test through mvn verify");
            }
            PayaraDomainConfig.write(Path.of(target), "127.0.0.1", httpPort);
        }
    }

    /**
     * Points Arquillian at the test servlet inside Inlet's web module. The Payara container
     * finds web modules of an EAR only when their context root is the WAR's name; Inlet's is
     * {@code /}, so the container reports the HTTP context without servlets and in-container
     * tests would not know where to run.
     */
    public static class RootContextServlet {

        public void addTestServlet(@Observes ProtocolMetaData metaData) {
            for (HTTPContext context : metaData.getContexts(HTTPContext.class)) {
                if (context.getServlets().isEmpty()) {
                    context.add(new Servlet(TEST_SERVLET, "/"));
                }
            }
        }
    }
}
