package dev.inlet.container.observers;

import dev.inlet.events.PublishAuthorization;
import dev.inlet.events.PublisherConnected;
import dev.inlet.events.PublisherDisconnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an enterprise application would add beside Inlet, deployed ONLY by {@code ApiContainerIT}: a synchronous
 * and an asynchronous observer of publishes, and a publish authorisation rule. It records into static lists
 * that the test (in the same JVM; the test class path is the application's parent) reads.
 */
@ApplicationScoped
public class RecordingObservers {

    /** Streams whose publishes this rule refuses, and the reason the encoder is given. */
    public static final String DENIED_STREAM = "it-denied";
    public static final String DENIAL = "denied by the enterprise rule under test";

    public static final List<String> SYNC_PUBLISHES = new CopyOnWriteArrayList<>();
    public static final List<String> ASYNC_PUBLISHES = new CopyOnWriteArrayList<>();
    public static final List<String> ASYNC_UNPUBLISHES = new CopyOnWriteArrayList<>();
    public static final List<String> AUTHORIZATION_THREADS = new CopyOnWriteArrayList<>();

    void authorize(@Observes PublishAuthorization question) {
        AUTHORIZATION_THREADS.add(Thread.currentThread().getName());
        if (DENIED_STREAM.equals(question.streamCode())) {
            question.deny(DENIAL);
        }
    }

    void onPublish(@Observes PublisherConnected event) {
        SYNC_PUBLISHES.add(event.streamCode());
    }

    void onPublishAsync(@ObservesAsync PublisherConnected event) {
        ASYNC_PUBLISHES.add(event.streamCode());
    }

    void onUnpublishAsync(@ObservesAsync PublisherDisconnected event) {
        ASYNC_UNPUBLISHES.add(event.streamCode());
    }
}
