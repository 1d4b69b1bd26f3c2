package dev.inlet.ingest;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.concurrent.ThreadFactory;

/**
 * Container resources the server needs, exposed as CDI beans. The transport's threads come from
 * the default managed thread factory so that CDI, JNDI and security contexts work in callbacks.
 */
@ApplicationScoped
public class ContainerResources {

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory managedThreadFactory;

    @Produces
    ThreadFactory threadFactory() {
        return managedThreadFactory;
    }

    /** The in-memory registry, with the demo key when one is configured (the database registry replaces it). */
    @Produces
    @ApplicationScoped
    Registry registry(RtmpSettings settings) {
        InMemoryRegistry registry = new InMemoryRegistry();
        settings.demoKey().ifPresent(key -> registry.register(RtmpSettings.DEMO_STREAM, key));
        return registry;
    }
}
