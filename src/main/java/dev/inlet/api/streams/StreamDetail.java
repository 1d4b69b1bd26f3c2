package dev.inlet.api.streams;

import java.time.Instant;
import java.util.List;

/**
 * One stream in full.
 *
 * @param state           Active, Idle, Disabled, or what the stream's lifecycle last reported
 * @param startedAt       when the current publish began (absent when not live)
 * @param uptimeSeconds   seconds since then (0 when not live)
 * @param bytesIn         bytes received from the live publishers
 * @param messagesIn      RTMP messages received from the live publishers
 * @param players         players connected now
 * @param privatePlayback readers need a play token
 * @param activePriority  the input feeding players now, 0 if none
 * @param inputs          one entry per input priority that has a key or a publisher
 * @param tracks          the track panel: codec, profile, size, frame rate, bitrate, audio format per track
 * @param recentFailovers the latest switches between inputs, newest last
 */
public record StreamDetail(String code, String name, boolean enabled, String state, boolean live, Instant created,
                           Instant startedAt, long uptimeSeconds, long bytesIn, long messagesIn, int players,
                           boolean privatePlayback, int activePriority,
                           List<InputStatus> inputs, List<TrackSummary> tracks, List<FailoverSummary> recentFailovers) {
}
