package dev.inlet.rtmp.session;

import dev.inlet.rtmp.LimitExceededException;

/**
 * A token bucket that bounds how many commands one connection may send: {@code perSecond} tokens a second,
 * at most {@code burst} saved up. Encoders and players send a handful of commands when they start and
 * almost none afterwards, so a steady stream of them is a peer making the server work for nothing.
 * Used by the connection's read path only (one thread at a time).
 */
final class CommandBudget {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int perSecond;
    private final int burst;
    private double tokens;
    private long lastRefillNanos;

    /** @param perSecond 0 or less: unlimited */
    CommandBudget(int perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes one token; throws {@link LimitExceededException} ({@code command_flood}) when none is left. */
    void spend(long nowNanos) {
        if (perSecond <= 0) {
            return;
        }
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + (double) elapsed * perSecond / NANOS_PER_SECOND);
            lastRefillNanos = nowNanos;
        }
        if (tokens < 1) {
            throw new LimitExceededException("command_flood",
                    "more than " + perSecond + " commands a second (burst " + burst + ")");
        }
        tokens -= 1;
    }
}
