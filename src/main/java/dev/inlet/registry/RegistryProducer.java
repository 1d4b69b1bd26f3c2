package dev.inlet.registry;

import dev.inlet.core.Registry;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.core.StreamCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

    private static final List<String> DATA_SOURCE_NAMES = List.of("java:comp/DefaultDataSource", "jdbc/__default");

    @Inject
    Config config;

    /**
     * Migrates the schema, registers the demo stream when a demo key is configured, and starts the
     * heartbeat, before the RTMP server gets its first publish.
     */
    @Produces
    @ApplicationScoped
    Registry registry(RtmpSettings rtmp, ThreadFactory threadFactory) {
        RegistrySettings settings = settings();
        DatabaseSetup setup = DatabaseSetup.schema();
        if (rtmp.demoKey().isPresent()) {
            setup = setup.andThen(new DemoStreamSeeder(rtmp.demoKey().get(), Clock.systemUTC(), settings.queryTimeout()));
        }
        DatabaseRegistry registry = new DatabaseRegistry(dataSource(), settings, threadFactory, Clock.systemUTC(), setup);
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
        return new DatabaseStreamCatalog(transactions);
    }

    /** The server's default data source; looked up so that a missing one fails with a message that says so. */
    public static DataSource dataSource() {
        for (String name : DATA_SOURCE_NAMES) {
            try {
                if (new InitialContext().lookup(name) instanceof DataSource dataSource) {
                    return dataSource;
                }
            } catch (NamingException e) {
                // try the next name
            }
        }
        throw new IllegalStateException("the stream registry needs the server's default data source, but none of "
                + DATA_SOURCE_NAMES + " is bound (README, Database)");
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
