package dev.inlet.api.health;

import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.srt.SrtServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the RTMP listener is bound. Readiness is the conjunction of every {@code @Readiness} check, so the
 * database registry adds its own (a {@code DatabaseHealth} that pings the data source) beside this one. SRT is
 * reported in the details but does not decide readiness: a server without libsrt is a supported configuration.
 */
@Readiness
@ApplicationScoped
public class RtmpTransportReadiness implements HealthCheck {

    static final String NAME = "rtmp-transport";

    @Inject
    RtmpServer server;

    @Inject
    SrtServer srt;

    @Override
    public HealthCheckResponse call() {
        boolean running = server.isRunning();
        var response = HealthCheckResponse.named(NAME).status(running).withData("port", server.boundPort());
        if (srt.isRunning()) {
            response.withData("srt-port", srt.port());
        } else {
            response.withData("srt", "off: " + srt.unavailableReason().orElse("stopped"));
        }
        return response.build();
    }
}
