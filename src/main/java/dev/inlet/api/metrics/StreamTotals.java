package dev.inlet.api.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a per-stream counter that starts again at zero with every publish (the hub's) into a total
 * that only grows for as long as the application runs, which is what a Prometheus counter must be.
 * Fed by polling: what a publish counted after the last poll before it ended is not seen, so the
 * totals may miss up to one poll interval at the end of each publish.
 */
final class StreamTotals {

    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, Long> totals = new HashMap<>();

    /** The publish's counter for {@code stream} now reads {@code current}. */
    synchronized void observe(String stream, long current) {
        Long last = lastSeen.put(stream, current);
        long added = last == null || current < last ? current : current - last; // smaller: a new publish
        totals.merge(stream, added, Long::sum);
    }

    /** Streams not live any more: their next publish counts from zero. */
    synchronized void keepOnly(Set<String> live) {
        lastSeen.keySet().retainAll(live);
    }

    synchronized long total(String stream) {
        return totals.getOrDefault(stream, 0L);
    }
}
