package dev.inlet.hub;

import dev.inlet.media.TagTrack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest sequence header of every track of one kind (audio or video) of a stream: what a player needs
 * before it can decode any track. A single-track message configures track 0; an Enhanced RTMP multitrack
 * message configures each track it carries (as read from its parse at ingest). Part of a {@link DecoderSetup}.
 * Not thread-safe: its owner's lock guards it.
 */
final class TrackConfigs {

    private final Map<Integer, MediaFrame> byTrack = new LinkedHashMap<>();

    /** Records a sequence-header frame; a newer header of a track replaces the older one. */
    void remember(MediaFrame config) {
        if (config.multitrackBody() == null) {
            put(0, config);
            return;
        }
        for (TagTrack track : config.tracks()) {
            put(track.trackId(), config);
        }
    }

    /** Whether the default track (track 0) has a sequence header: the stream has this kind for single-track players. */
    boolean hasDefaultTrack() {
        return byTrack.containsKey(0);
    }

    /** Each remembered frame once, oldest first (a message that configures several tracks appears once). */
    List<MediaFrame> frames() {
        List<MediaFrame> frames = new ArrayList<>(byTrack.size());
        for (MediaFrame config : byTrack.values()) {
            if (!frames.contains(config)) {
                frames.add(config);
            }
        }
        return frames;
    }

    private void put(int trackId, MediaFrame config) {
        // Removed first so that the map's order stays the order of arrival: a newer header goes after older ones.
        byTrack.remove(trackId);
        byTrack.put(trackId, config);
    }
}
