package dev.inlet.registry;

import dev.inlet.ingest.Registry;
import dev.inlet.ingest.RtmpSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Puts the database registry in the container. It uses the server's default data source
 * ({@code java:comp/DefaultDataSource}, the one the {@code inlet} persistence unit uses too), so
 * pointing that data source at PostgreSQL or MariaDB moves everything. Keys (defaults in brackets):
 * {@code inlet.registry.node-id} [host name + random suffix],
 * {@code inlet.registry.lease-timeout-seconds} [15], {@code inlet.registry.heartbeat-seconds} [5],
 * {@code inlet.registry.query-timeout-seconds} [5], {@code inlet.registry.threads} [4],
 * {@code inlet.publish.takeover} [false].
 */
@ApplicationScoped
public class RegistryProducer {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    Config config;

    /** Migrates the schema and starts the heartbeat before the RTMP server gets its first publish. */
    @Produces
    @ApplicationScoped
    Registry registry(RtmpSettings rtmp, ThreadFactory threadFactory) {
        DatabaseRegistry registry = new DatabaseRegistry(dataSource, settings(), threadFactory, rtmp.demoKey());
        registry.start();
        return registry;
    }

    /** Releases this node's leases when the application stops. */
    void close(@Disposes Registry registry) {
        if (registry instanceof DatabaseRegistry database) {
            database.close();
        }
    }

    @Produces
    StreamCatalog catalog(JtaCatalogTransactions transactions) {
        return new StreamCatalog(transactions);
    }

    RegistrySettings settings() {
        RegistrySettings d = RegistrySettings.defaults();
        return new RegistrySettings(
                config.getOptionalValue("inlet.registry.node-id", String.class).filter(id -> !id.isBlank())
                        .orElse(d.nodeId()),
                seconds("inlet.registry.lease-timeout-seconds", d.leaseTimeout()),
                seconds("inlet.registry.heartbeat-seconds", d.heartbeatPeriod()),
                config.getOptionalValue("inlet.publish.takeover", Boolean.class).orElse(d.takeover()),
                seconds("inlet.registry.query-timeout-seconds", d.queryTimeout()),
                config.getOptionalValue("inlet.registry.threads", Integer.class).orElse(d.threads()));
    }

    private Duration seconds(String key, Duration fallback) {
        return config.getOptionalValue(key, Long.class).map(Duration::ofSeconds).orElse(fallback);
    }
}
