package dev.inlet.events;

import java.time.Instant;

/** A recording and its file were deleted, by retention or by an administrator; {@code reason} says which. */
public record RecordingDeleted(String recordingId, String streamCode, String reason, Instant at) {
}
