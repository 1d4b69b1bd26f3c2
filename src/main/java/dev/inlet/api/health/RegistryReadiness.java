package dev.inlet.api.health;

import dev.inlet.core.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the stream registry can take publishes: with the database registry, the schema is
 * migrated and the last database call (at most one heartbeat ago) succeeded.
 */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    static final String NAME = "stream-registry";

    @Inject
    Registry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(registry.isAvailable()).build();
    }
}
