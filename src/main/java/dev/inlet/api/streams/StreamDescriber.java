package dev.inlet.api.streams;

import dev.inlet.core.KeyRecord;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublisherView;
import dev.inlet.core.StreamRecord;
import dev.inlet.media.TrackInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Puts a stream's stored record and what the server sees of it together into the API's views. */
final class StreamDescriber {

    /** What the server sees of one stream right now, for its summary. */
    record LiveFigures(boolean live, int activePriority, int players, long bitrateKbps) {
        static final LiveFigures NOT_LIVE = new LiveFigures(false, 0, 0, 0);
    }

    static final String ACTIVE = "Active";
    static final String IDLE = "Idle";
    static final String DISABLED = "Disabled";

    private StreamDescriber() {
    }

    /**
     * The lifecycle's own state when it reported one; otherwise Disabled, Active (live) or Idle. A disabled stream
     * is Disabled whatever was last reported.
     */
    static String state(StreamRecord stream, boolean live, Optional<String> reported) {
        if (!stream.enabled()) {
            return DISABLED;
        }
        return reported.orElse(live ? ACTIVE : IDLE);
    }

    static StreamSummary summary(StreamRecord stream, LiveFigures figures, Optional<String> reported) {
        return new StreamSummary(stream.code(), stream.displayName(), stream.enabled(),
                state(stream, figures.live(), reported), figures.live(), stream.created(), stream.privatePlayback(),
                stream.srtPassphraseSet(), figures.activePriority(), figures.players(), figures.bitrateKbps());
    }

    static StreamDetail detail(StreamRecord stream, List<KeyRecord> keys, List<PublisherView> allPublishers,
                               List<PlayerView> allPlayers, List<TrackInfo> tracks, Optional<String> reported,
                               int activePriority, List<FailoverSummary> failovers, Instant now) {
        return detail(stream, keys, allPublishers, allPlayers, tracks, reported, activePriority, failovers, now, Map.of());
    }

    /**
     * @param nodeOfSession the node of each publisher of another node of the cluster, by session id; this node's
     *                      publishers are not in it (their input's {@code node} is left out)
     */
    static StreamDetail detail(StreamRecord stream, List<KeyRecord> keys, List<PublisherView> allPublishers,
                               List<PlayerView> allPlayers, List<TrackInfo> tracks, Optional<String> reported,
                               int activePriority, List<FailoverSummary> failovers, Instant now,
                               Map<String, String> nodeOfSession) {
        List<PublisherView> publishers = allPublishers.stream()
                .filter(p -> p.streamCode().equals(stream.code())).toList();
        int players = (int) allPlayers.stream().filter(p -> p.streamCode().equals(stream.code())).count();
        boolean live = !publishers.isEmpty();
        Instant startedAt = publishers.stream().map(PublisherView::startedAt).min(Comparator.naturalOrder()).orElse(null);
        long uptime = startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, now).toSeconds());
        return new StreamDetail(stream.code(), stream.displayName(), stream.enabled(), state(stream, live, reported),
                live, stream.created(), startedAt, uptime,
                publishers.stream().mapToLong(PublisherView::bytesIn).sum(),
                publishers.stream().mapToLong(PublisherView::messagesIn).sum(),
                players, stream.privatePlayback(), live ? activePriority : 0, inputs(keys, publishers, activePriority, nodeOfSession),
                tracks.stream().map(TrackSummary::of).toList(), failovers);
    }

    /** One entry per priority that has an enabled key or a live publisher, primary first. */
    static List<InputStatus> inputs(List<KeyRecord> keys, List<PublisherView> publishers, int activePriority,
                                    Map<String, String> nodeOfSession) {
        TreeSet<Integer> priorities = new TreeSet<>();
        keys.stream().filter(KeyRecord::enabled).forEach(key -> priorities.add(key.priority()));
        publishers.forEach(p -> priorities.add(p.priority()));
        return priorities.stream().map(priority -> {
            int keyCount = (int) keys.stream().filter(k -> k.enabled() && k.priority() == priority).count();
            return publishers.stream().filter(p -> p.priority() == priority).findFirst()
                    .map(p -> new InputStatus(priority, true, priority == activePriority, keyCount, p.id(), p.keyPrefix(),
                            p.remoteAddress(), p.startedAt(), p.bytesIn(), p.messagesIn(), nodeOfSession.get(p.id())))
                    .orElseGet(() -> new InputStatus(priority, false, false, keyCount, null, null, null, null, 0, 0, null));
        }).toList();
    }
}
