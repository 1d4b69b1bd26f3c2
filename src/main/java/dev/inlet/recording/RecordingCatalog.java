package dev.inlet.recording;

import dev.inlet.core.StreamNotFoundException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where recordings and the streams' recording policies are kept: the database (JPA) in the application, memory in
 * tests. Called on the recordings' housekeeping thread and by the API, never on an ingest thread.
 */
public interface RecordingCatalog {

    void add(RecordingInfo recording);

    void update(RecordingInfo recording);

    Optional<RecordingInfo> find(String id);

    /**
     * Recordings newest first; each filter may be null: of {@code stream}, started at or after {@code from}, started
     * before {@code to}.
     */
    List<RecordingInfo> list(String stream, Instant from, Instant to);

    /** Recordings of {@code node} still in state {@link RecordingState#RECORDING}. */
    List<RecordingInfo> unfinished(String node);

    /** Removes the row; false if there was none. */
    boolean remove(String id);

    /** The stream's policy; empty for a stream that never had one set (the server's defaults apply). */
    Optional<RecordingPolicy> policy(String stream) throws StreamNotFoundException;

    void setPolicy(String stream, RecordingPolicy policy) throws StreamNotFoundException;
}
