package dev.inlet.core;

import java.time.Duration;

/**
 * Brute-force protection for publish keys: an address that fails {@code maxFailures} publishes (unknown key)
 * within {@code window} is refused every publish for {@code firstBlock}; each further block of the same address
 * lasts twice as long as the one before, at most {@code maxBlock}. {@code maxFailures} 0 disables it.
 */
public record PublishBlocking(int maxFailures, Duration window, Duration firstBlock, Duration maxBlock) {

    public PublishBlocking {
        if (maxFailures < 0 || window.isNegative() || firstBlock.isNegative() || maxBlock.compareTo(firstBlock) < 0) {
            throw new IllegalArgumentException("invalid publish blocking: " + maxFailures + " failures in " + window
                    + ", blocks from " + firstBlock + " up to " + maxBlock);
        }
    }

    public static PublishBlocking defaults() {
        return new PublishBlocking(10, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofHours(1));
    }

    public boolean enabled() {
        return maxFailures > 0;
    }
}
