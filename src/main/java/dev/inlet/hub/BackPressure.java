package dev.inlet.hub;

import java.time.Duration;

/**
 * How a hub treats a player that falls behind: once more than {@code maxBacklogBytes} are queued for
 * it, it skips frames up to the next keyframe (audio with video, so both stay in sync) and resumes
 * there when its queue has drained to half the bound; a player that keeps skipping for longer than
 * {@code maxLag} is disconnected.
 */
public record BackPressure(long maxBacklogBytes, Duration maxLag) {

    public BackPressure {
        if (maxBacklogBytes < 1 || maxLag.isNegative()) {
            throw new IllegalArgumentException("invalid back-pressure: " + maxBacklogBytes + " bytes, lag " + maxLag);
        }
    }

    public static BackPressure defaults() {
        return new BackPressure(2L * 1024 * 1024, Duration.ofSeconds(10));
    }
}
