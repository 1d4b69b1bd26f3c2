package dev.inlet.rtmp.transport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * When a selector thread pauses before its next select: after a select that found ready connections, it waits
 * {@code pause} so that the connections becoming ready meanwhile are taken in one select, not one wake-up each.
 * After a select that found nothing (an idle or quiet server) it does not pause, so the first message after a
 * silence is read at once.
 *
 * <p>Why: with 200 publishers a selector thread woke about 3,200 times a second for two ready connections each, and
 * putting a thread to sleep and waking it again was 70 % of the kernel time of {@code epoll_wait}, a third of the
 * selector threads' CPU. One pause of a millisecond or two replaces those wake-ups; a message waits at most that long.
 * One instance per selector thread: it is not thread-safe.
 */
final class ReadCoalescing {

    private final long pauseNanos;
    private final LongConsumer sleeper;
    private boolean lastSelectFoundWork;

    /** Parks the thread for the pause. */
    ReadCoalescing(long pauseNanos) {
        this(pauseNanos, LockSupport::parkNanos);
    }

    ReadCoalescing(long pauseNanos, LongConsumer sleeper) {
        this.pauseNanos = pauseNanos;
        this.sleeper = sleeper;
    }

    /** {@code pause} in nanoseconds, refused when negative. */
    static long pauseNanos(Duration pause) {
        if (pause.isNegative()) {
            throw new IllegalArgumentException("read coalescing pause must not be negative: " + pause);
        }
        return pause.toNanos();
    }

    /** Called just before a select: pauses when the previous select found ready connections. */
    void beforeSelect() {
        if (lastSelectFoundWork && pauseNanos > 0) {
            sleeper.accept(pauseNanos);
        }
    }

    /** Called with what the select found. */
    void afterSelect(int readyKeys) {
        lastSelectFoundWork = readyKeys > 0;
    }
}
