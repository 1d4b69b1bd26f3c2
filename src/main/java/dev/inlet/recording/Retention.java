package dev.inlet.recording;

import java.time.Duration;
import java.util.Optional;

/**
 * How long finished recordings of a stream are kept: those older than {@code maxAge} (by their end) are deleted, and
 * the oldest are deleted while all of them together exceed {@code maxBytes}. A recording still being written is never
 * deleted.
 *
 * @param maxAge   null: no limit by age
 * @param maxBytes 0: no limit by size
 */
public record Retention(Duration maxAge, long maxBytes) {

    /** Keeps everything. */
    public static final Retention FOREVER = new Retention(null, 0);

    public Retention {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("a retention age must be positive, not " + maxAge);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("a retention size must be positive (or 0 for no limit), not " + maxBytes);
        }
    }

    public Optional<Duration> age() {
        return Optional.ofNullable(maxAge);
    }
}
