package dev.inlet.recording;

/**
 * Hears what the recordings do (the CDI event layer implements it: events, server-sent events, webhooks). Called on
 * the recordings' housekeeping thread, never on an ingest thread; an exception is logged and otherwise ignored.
 */
public interface RecordingListener {

    RecordingListener NONE = new RecordingListener() {
    };

    default void started(RecordingInfo recording) {
    }

    /** Finished with its publish, or recovered after a crash: the file is complete. */
    default void finished(RecordingInfo recording) {
    }

    default void failed(RecordingInfo recording, String reason) {
    }

    /** Deleted by retention or by an administrator. */
    default void deleted(RecordingInfo recording, String why) {
    }
}
