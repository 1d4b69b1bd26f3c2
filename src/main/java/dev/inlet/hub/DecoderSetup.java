package dev.inlet.hub;

import java.util.ArrayList;
import java.util.List;

/**
 * What a decoder needs before the first frame of a stream: the latest metadata and the latest sequence header of
 * every audio and video track (the default one and the others of a multitrack publish). The hub keeps the one of
 * what it published, for joining players; a stream's inputs keep one each, so that a failover to an input first
 * sends that input's own set-up. One class for both, so they record and replay it the same way.
 * Not thread-safe: its owner's lock guards it.
 */
public final class DecoderSetup {

    private MediaFrame metadata;
    private final TrackConfigs video = new TrackConfigs();
    private final TrackConfigs audio = new TrackConfigs();

    /** Keeps {@code frame} if it is metadata or a sequence header (replacing older ones); false for any other frame. */
    public boolean remember(MediaFrame frame) {
        switch (frame.kind()) {
            case METADATA -> {
                metadata = frame;
                return true;
            }
            case VIDEO -> {
                if (frame.config()) {
                    video.remember(frame);
                    return true;
                }
            }
            case AUDIO -> {
                if (frame.config()) {
                    audio.remember(frame);
                    return true;
                }
            }
            case DATA -> {
            }
        }
        return false;
    }

    /** Whether the default video track has a sequence header: the stream has video for single-track players. */
    public boolean hasDefaultVideoTrack() {
        return video.hasDefaultTrack();
    }

    /**
     * The frames to send before any other, in order: the metadata, then the video and the audio sequence headers,
     * each kind oldest first so that every track ends with its latest one (a player takes the ones it can use).
     */
    public List<MediaFrame> frames() {
        List<MediaFrame> frames = new ArrayList<>();
        if (metadata != null) {
            frames.add(metadata);
        }
        frames.addAll(video.frames());
        frames.addAll(audio.frames());
        return frames;
    }
}
