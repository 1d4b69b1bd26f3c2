package dev.inlet.api.streams;

import dev.inlet.events.StreamStatistics;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.media.TrackInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last minutes of each stream's bitrate, frame rate and audience, sampled from the statistics the core reports
 * once a second while a stream is live, so a console opened now can draw what happened before it was opened.
 * Bounded: {@link #SAMPLES_KEPT} samples per stream, forgotten when the stream is deleted.
 */
@ApplicationScoped
public class StreamHistory {

    /** Ten minutes at one sample a second. */
    static final int SAMPLES_KEPT = 600;

    @Inject
    RtmpServer server;

    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    /** One second of a stream: all tracks' bitrate together, the video's frame rate, players of every protocol. */
    public record Sample(Instant at, long bitrateKbps, double frameRate, int players) {
    }

    /** What {@code GET /streams/{code}/history} returns: oldest sample first. */
    public record View(String stream, int intervalSeconds, List<Sample> samples) {
    }

    void onStatistics(@Observes StreamStatistics statistics) {
        List<TrackInfo> tracks = server.tracks(statistics.streamCode()).orElse(List.of());
        record(statistics.streamCode(), new Sample(statistics.at(),
                tracks.stream().mapToLong(TrackInfo::bitrateKbps).sum(),
                tracks.stream().filter(t -> t.type() == TrackInfo.Type.VIDEO).mapToDouble(TrackInfo::frameRate)
                        .findFirst().orElse(0),
                statistics.players()));
    }

    void record(String streamCode, Sample sample) {
        Deque<Sample> kept = samples.computeIfAbsent(streamCode, code -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addLast(sample);
            while (kept.size() > SAMPLES_KEPT) {
                kept.removeFirst();
            }
        }
    }

    public View of(String streamCode) {
        Deque<Sample> kept = samples.get(streamCode);
        if (kept == null) {
            return new View(streamCode, 1, List.of());
        }
        synchronized (kept) {
            return new View(streamCode, 1, List.copyOf(kept));
        }
    }

    public void forget(String streamCode) {
        samples.remove(streamCode);
    }
}
