package dev.inlet.events;

import java.time.Instant;

/** A recording stopped early (a full or failing disk, a disk too slow to keep up); the live stream went on. */
public record RecordingFailed(String recordingId, String streamCode, String reason, Instant at) {
}
