package dev.inlet.relay;

import dev.inlet.core.StreamNotFoundException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A {@link RelayCatalog} in memory: for tests and the engine without a database. */
public final class InMemoryRelayCatalog implements RelayCatalog {

    private final Map<String, RelayTarget> targets = new ConcurrentHashMap<>();
    private final Predicate<String> streamExists;

    public InMemoryRelayCatalog(Predicate<String> streamExists) {
        this.streamExists = streamExists;
    }

    @Override
    public List<RelayTarget> targets(String stream) throws StreamNotFoundException {
        if (!streamExists.test(stream)) {
            throw new StreamNotFoundException(stream);
        }
        return targets.values().stream().filter(t -> t.stream().equals(stream))
                .sorted(Comparator.comparing(RelayTarget::created).thenComparing(RelayTarget::id)).toList();
    }

    @Override
    public Optional<RelayTarget> find(String stream, String id) {
        return Optional.ofNullable(targets.get(id)).filter(t -> t.stream().equals(stream));
    }

    @Override
    public void add(RelayTarget target) throws StreamNotFoundException {
        if (!streamExists.test(target.stream())) {
            throw new StreamNotFoundException(target.stream());
        }
        targets.put(target.id(), target);
    }

    @Override
    public Optional<RelayTarget> setEnabled(String stream, String id, boolean enabled) {
        return find(stream, id).map(t -> {
            RelayTarget changed = t.withEnabled(enabled);
            targets.put(id, changed);
            return changed;
        });
    }

    @Override
    public boolean remove(String stream, String id) {
        return find(stream, id).map(t -> targets.remove(id) != null).orElse(false);
    }
}
