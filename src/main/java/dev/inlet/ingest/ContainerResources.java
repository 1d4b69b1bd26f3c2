package dev.inlet.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Container resources the server needs, exposed as CDI beans. The transport's threads come from
 * the default managed thread factory so that CDI, JNDI and security contexts work in callbacks.
 */
@ApplicationScoped
public class ContainerResources {

    private static final Logger LOG = Logger.getLogger(ContainerResources.class.getName());
    private static final List<String> THREAD_FACTORY_NAMES =
            List.of("java:comp/DefaultManagedThreadFactory", "concurrent/__defaultManagedThreadFactory");

    /**
     * The container's managed thread factory. Looked up rather than injected with {@code @Resource}
     * because a missing default resource (Payara Embedded's built-in configuration has none) must not
     * fail the whole deployment: the server then runs on plain threads and says so.
     */
    @Produces
    ThreadFactory threadFactory() {
        NamingException last = null;
        for (String name : THREAD_FACTORY_NAMES) {
            try {
                if (new InitialContext().lookup(name) instanceof ThreadFactory factory) {
                    LOG.log(Level.FINE, "RTMP transport threads from {0}", name);
                    return factory;
                }
            } catch (NamingException e) {
                last = e;
            }
        }
        LOG.log(Level.WARNING, "no managed thread factory under " + THREAD_FACTORY_NAMES
                + "; the RTMP transport runs on unmanaged threads (no CDI request or security context in callbacks)", last);
        return Executors.defaultThreadFactory();
    }

    // The Registry and StreamCatalog beans come from dev.inlet.registry.RegistryProducer (the database).
}
