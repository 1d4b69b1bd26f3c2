package dev.inlet.container.observers;

import dev.inlet.events.RecordingDeleted;
import dev.inlet.events.RecordingFinished;
import dev.inlet.events.RecordingStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an enterprise application that post-processes recordings would add beside Inlet, deployed ONLY by
 * {@code RecordingsContainerIT}: observers of the recording events, recording into static lists the test reads.
 */
@ApplicationScoped
public class RecordingEventObservers {

    public static final List<RecordingStarted> STARTED = new CopyOnWriteArrayList<>();
    public static final List<RecordingFinished> FINISHED = new CopyOnWriteArrayList<>();
    public static final List<RecordingDeleted> DELETED_ASYNC = new CopyOnWriteArrayList<>();

    void onStarted(@Observes RecordingStarted event) {
        STARTED.add(event);
    }

    void onFinished(@Observes RecordingFinished event) {
        FINISHED.add(event);
    }

    void onDeleted(@ObservesAsync RecordingDeleted event) {
        DELETED_ASYNC.add(event);
    }
}
