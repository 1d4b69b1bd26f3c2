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

    // The Registry bean comes from dev.inlet.registry.RegistryProducer (the database registry).
}
