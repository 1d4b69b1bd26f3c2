package dev.inlet.api.health;

import dev.inlet.ingest.RtmpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the RTMP listener is bound. Readiness is the conjunction of every {@code @Readiness} check, so the
 * database registry adds its own (a {@code DatabaseHealth} that pings the data source) beside this one.
 */
@Readiness
@ApplicationScoped
public class RtmpTransportReadiness implements HealthCheck {

    static final String NAME = "rtmp-transport";

    @Inject
    RtmpServer server;

    @Override
    public HealthCheckResponse call() {
        boolean running = server.isRunning();
        return HealthCheckResponse.named(NAME).status(running).withData("port", server.boundPort()).build();
    }
}
