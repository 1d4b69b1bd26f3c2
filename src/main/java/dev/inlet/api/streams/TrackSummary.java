package dev.inlet.api.streams;

import dev.inlet.media.TrackInfo;

import java.util.Locale;

/** One line of the track panel; numbers that are unknown or do not apply are 0. */
public record TrackSummary(int trackId, String type, String codec, String profile, int width, int height,
                           double frameRate, int bitDepth, int sampleRate, int channels, long bitrateKbps) {

    static TrackSummary of(TrackInfo track) {
        return new TrackSummary(track.trackId(), track.type().name().toLowerCase(Locale.ROOT), track.codec(),
                track.profile(), track.width(), track.height(), track.frameRate(), track.bitDepth(), track.sampleRate(),
                track.channels(), track.bitrateKbps());
    }
}
