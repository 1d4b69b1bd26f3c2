package dev.inlet.api.streams;

import dev.inlet.core.StreamCatalog;
import dev.inlet.core.StreamRecord;
import dev.inlet.ingest.RtmpServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Tells the stream core which streams are private, from the catalog (the database, so every node agrees). The core
 * asks on its own threads and believes the answer for a few seconds.
 */
@ApplicationScoped
public class PrivateStreams {

    @Inject
    StreamCatalog catalog;
    @Inject
    RtmpServer server;

    void onApplicationStart(@Observes @Priority(Interceptor.Priority.APPLICATION)
                            @Initialized(ApplicationScoped.class) Object event) {
        server.core().setPrivateStreams(code -> catalog.stream(code).map(StreamRecord::privatePlayback).orElse(false));
    }
}
