package dev.inlet.api.metrics;

import dev.inlet.hub.HubStats;
import dev.inlet.core.LiveStream;
import dev.inlet.core.PublisherView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An ingest whose counters the test sets by hand. */
final class FakeIngest implements IngestMetricsSource {

    final Map<String, HubStats> live = new TreeMap<>();
    final Map<String, Long> closeReasons = new TreeMap<>();
    final Map<String, Long> rejectReasons = new TreeMap<>();
    final Map<String, Long> closeKinds = new TreeMap<>();
    final List<PublisherView> publisherViews = new ArrayList<>();
    int publishers;
    int players;
    long partialMessageBytes;

    @Override
    public List<LiveStream> liveStreams() {
        List<LiveStream> streams = new ArrayList<>();
        live.forEach((code, stats) -> streams.add(new LiveStream(code, stats)));
        return streams;
    }

    @Override
    public int publishers() {
        return publishers;
    }

    @Override
    public List<PublisherView> publisherViews() {
        return List.copyOf(publisherViews);
    }

    @Override
    public int players() {
        return players;
    }

    @Override
    public Map<String, Long> closeReasons() {
        return Map.copyOf(closeReasons);
    }

    @Override
    public Map<String, Long> closeKinds() {
        return Map.copyOf(closeKinds);
    }

    @Override
    public Map<String, Long> rejectReasons() {
        return Map.copyOf(rejectReasons);
    }

    @Override
    public long partialMessageBytes() {
        return partialMessageBytes;
    }
}
