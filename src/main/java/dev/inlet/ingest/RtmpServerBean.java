package dev.inlet.ingest;

import dev.inlet.core.PlayTokens;
import dev.inlet.core.Registry;
import dev.inlet.ingest.srt.SrtServer;
import dev.inlet.ingest.srt.SrtSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import java.util.concurrent.ThreadFactory;

/**
 * The container's side of the {@link RtmpServer}, and the only one: it builds the server from the configured
 * settings, the registry, the container's thread factory and the play-token signer, starts it when the
 * application starts and stops it, freeing port and threads, when the application is undeployed. SRT ingest
 * ({@link SrtServer}) runs on the same stream core: started after RTMP, stopped before it, so the core is still
 * open while SRT publishes end.
 *
 * <p>The rest of the application injects {@code RtmpServer} itself: the producer hands out this bean's one
 * instance. It is {@code @Singleton} (a pseudo-scope, no client proxy), so the engine needs neither a no-arg
 * constructor nor non-final fields; being created only here, it lives exactly as long as this bean.
 */
@ApplicationScoped
public class RtmpServerBean {

    private final RtmpServer server;
    private final SrtServer srt;

    /** For CDI's client proxy only. */
    protected RtmpServerBean() {
        this.server = null;
        this.srt = null;
    }

    @Inject
    public RtmpServerBean(RtmpSettings settings, SrtSettings srtSettings, Registry registry, ThreadFactory threadFactory,
                          PlayTokens tokens) {
        this.server = new RtmpServer(settings, registry, threadFactory, tokens);
        this.srt = new SrtServer(srtSettings, server.core(), threadFactory, server::countClose);
    }

    @Produces
    @Singleton
    RtmpServer rtmpServer() {
        return server;
    }

    @Produces
    @Singleton
    SrtServer srtServer() {
        return srt;
    }

    /** Late among start-up observers, so that listeners (the CDI event bridge) are installed first. */
    void onApplicationStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000)
                            @Initialized(ApplicationScoped.class) Object event) {
        server.start();
        try {
            srt.start();
        } catch (RuntimeException e) {
            server.stop(); // the deployment fails: leave no RTMP port bound behind it
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        srt.stop();
        server.stop();
    }
}
