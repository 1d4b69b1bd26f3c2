package dev.inlet.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
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
    private static final List<String> SCHEDULER_NAMES = List.of("java:comp/DefaultManagedScheduledExecutorService",
            "concurrent/__defaultManagedScheduledExecutorService");

    /**
     * The container's managed thread factory. Looked up rather than injected with {@code @Resource}
     * because a missing default resource (Payara Embedded's built-in configuration has none) must not
     * fail the whole deployment: the server then runs on plain threads and says so.
     */
    @Produces
    ThreadFactory threadFactory() {
        return lookup(THREAD_FACTORY_NAMES, ThreadFactory.class).orElseGet(() -> {
            LOG.warning("no managed thread factory under " + THREAD_FACTORY_NAMES + "; the RTMP transport runs on"
                    + " unmanaged threads (no CDI request or security context in callbacks)");
            return Executors.defaultThreadFactory();
        });
    }

    /**
     * The container's default managed scheduled executor (for periodic work the container should own, such as
     * recording retention); empty where there is none. Look it up from a component context (a request, a servlet
     * listener).
     */
    public static Optional<ScheduledExecutorService> managedScheduler() {
        return lookup(SCHEDULER_NAMES, ScheduledExecutorService.class);
    }

    /** The first of {@code names} bound to a {@code type}, looked up in JNDI. */
    private static <T> Optional<T> lookup(List<String> names, Class<T> type) {
        for (String name : names) {
            try {
                Object bound = new InitialContext().lookup(name);
                if (type.isInstance(bound)) {
                    LOG.log(Level.FINE, "{0} from {1}", new Object[]{type.getSimpleName(), name});
                    return Optional.of(type.cast(bound));
                }
            } catch (NamingException e) {
                LOG.log(Level.FINE, name + " is not bound", e);
            }
        }
        return Optional.empty();
    }

    // The Registry and StreamCatalog beans come from dev.inlet.registry.RegistryProducer (the database).
}
