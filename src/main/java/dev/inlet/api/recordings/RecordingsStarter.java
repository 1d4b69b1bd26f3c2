package dev.inlet.api.recordings;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the recordings and the relays when the web module starts. A servlet context listener rather than an observer of the
 * application's start: it runs in the web module's component context, where the catalog's persistence context can be
 * looked up (Payara refuses that lookup in an {@code @Initialized(ApplicationScoped.class)} observer).
 */
@WebListener
public class RecordingsStarter implements ServletContextListener {

    @Inject
    RecordingService service;
    @Inject
    dev.inlet.api.relays.RelayService relays;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        service.recordings();
        relays.relays();
    }
}
