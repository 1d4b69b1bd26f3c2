package dev.inlet.hub;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The live hubs by stream name. */
public final class StreamHubs {

    private final ConcurrentMap<String, StreamHub> hubs = new ConcurrentHashMap<>();
    private final long gopCacheMaxBytes;
    private final BackPressure backPressure;

    public StreamHubs(long gopCacheMaxBytes) {
        this(gopCacheMaxBytes, BackPressure.defaults());
    }

    public StreamHubs(long gopCacheMaxBytes, BackPressure backPressure) {
        this.gopCacheMaxBytes = gopCacheMaxBytes;
        this.backPressure = backPressure;
    }

    /** A fresh hub for a new publish of {@code name}; a previous one, if any, is ended first. */
    public StreamHub open(String name) {
        StreamHub hub = new StreamHub(name, gopCacheMaxBytes, backPressure, System::nanoTime);
        StreamHub previous = hubs.put(name, hub);
        if (previous != null) {
            previous.end("replaced by a new publish");
        }
        return hub;
    }

    /** Ends {@code hub} and forgets it, unless a newer publish has replaced it already. */
    public void close(StreamHub hub, String reason) {
        hubs.remove(hub.name(), hub);
        hub.end(reason);
    }

    public Optional<StreamHub> live(String name) {
        StreamHub hub = hubs.get(name);
        return hub == null || hub.isEnded() ? Optional.empty() : Optional.of(hub);
    }

    public Collection<StreamHub> all() {
        return hubs.values();
    }
}
