package dev.inlet.recording;

/**
 * A stream's recording settings, as an administrator set them.
 *
 * @param enabled   whether every publish of the stream is recorded
 * @param retention the stream's own retention; null: the server's default applies
 */
public record RecordingPolicy(boolean enabled, Retention retention) {
}
