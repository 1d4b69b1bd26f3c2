package dev.inlet.events;

import java.time.Instant;

/**
 * A recording's file is complete: its publish ended ({@code state} {@code Finished}), or it was recovered after a
 * crash ({@code Recovered}). {@code path} is the file on this node, for post-processing (transcode, upload, index).
 */
public record RecordingFinished(String recordingId, String streamCode, String state, String path, long durationMs,
                                long bytes, String codecs, int width, int height, Instant startedAt, Instant at) {
}
