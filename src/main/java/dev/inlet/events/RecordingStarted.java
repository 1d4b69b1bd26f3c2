package dev.inlet.events;

import java.time.Instant;

/** A recording began: the stream went live with recording enabled (or recording was turned on while live). */
public record RecordingStarted(String recordingId, String streamCode, String file, Instant at) {
}
