package dev.inlet.api.streams;

import dev.inlet.events.FailoverSwitched;
import dev.inlet.events.StreamStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers what the stream lifecycle last reported: each stream's state and its latest failovers. */
@ApplicationScoped
public class StreamActivity {

    static final int FAILOVERS_KEPT = 10;

    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, Deque<FailoverSummary>> failovers = new ConcurrentHashMap<>();

    void onStateChanged(@Observes StreamStateChanged change) {
        states.put(change.streamCode(), change.to());
    }

    void onFailover(@Observes FailoverSwitched failover) {
        Deque<FailoverSummary> recent = failovers.computeIfAbsent(failover.streamCode(), code -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(new FailoverSummary(failover.fromPriority(), failover.toPriority(), failover.reason(),
                    failover.at()));
            while (recent.size() > FAILOVERS_KEPT) {
                recent.removeFirst();
            }
        }
    }

    /** The state the lifecycle last reported for the stream, if it reported one. */
    public Optional<String> state(String streamCode) {
        return Optional.ofNullable(states.get(streamCode));
    }

    public List<FailoverSummary> recentFailovers(String streamCode) {
        Deque<FailoverSummary> recent = failovers.get(streamCode);
        if (recent == null) {
            return List.of();
        }
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Forgets a deleted stream. */
    public void forget(String streamCode) {
        states.remove(streamCode);
        failovers.remove(streamCode);
    }
}
