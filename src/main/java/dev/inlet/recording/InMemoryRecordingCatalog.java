package dev.inlet.recording;

import dev.inlet.core.StreamNotFoundException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A {@link RecordingCatalog} in memory: for tests and the engine without a database. */
public final class InMemoryRecordingCatalog implements RecordingCatalog {

    private final Map<String, RecordingInfo> recordings = new ConcurrentHashMap<>();
    private final Map<String, RecordingPolicy> policies = new ConcurrentHashMap<>();
    private final Predicate<String> streamExists;

    /** @param streamExists which stream codes exist (a policy of another stream is refused as not found) */
    public InMemoryRecordingCatalog(Predicate<String> streamExists) {
        this.streamExists = streamExists;
    }

    @Override
    public void add(RecordingInfo recording) {
        recordings.put(recording.id(), recording);
    }

    @Override
    public void update(RecordingInfo recording) {
        recordings.replace(recording.id(), recording);
    }

    @Override
    public Optional<RecordingInfo> find(String id) {
        return Optional.ofNullable(recordings.get(id));
    }

    @Override
    public List<RecordingInfo> list(String stream, Instant from, Instant to) {
        return recordings.values().stream()
                .filter(r -> stream == null || r.stream().equals(stream))
                .filter(r -> from == null || !r.started().isBefore(from))
                .filter(r -> to == null || r.started().isBefore(to))
                .sorted(Comparator.comparing(RecordingInfo::started).reversed().thenComparing(RecordingInfo::id))
                .toList();
    }

    @Override
    public List<RecordingInfo> unfinished(String node) {
        return recordings.values().stream()
                .filter(r -> r.state() == RecordingState.RECORDING && java.util.Objects.equals(r.node(), node)).toList();
    }

    @Override
    public boolean remove(String id) {
        return recordings.remove(id) != null;
    }

    @Override
    public Optional<RecordingPolicy> policy(String stream) throws StreamNotFoundException {
        requireStream(stream);
        return Optional.ofNullable(policies.get(stream));
    }

    @Override
    public void setPolicy(String stream, RecordingPolicy policy) throws StreamNotFoundException {
        requireStream(stream);
        policies.put(stream, policy);
    }

    private void requireStream(String stream) throws StreamNotFoundException {
        if (!streamExists.test(stream)) {
            throw new StreamNotFoundException(stream);
        }
    }
}
