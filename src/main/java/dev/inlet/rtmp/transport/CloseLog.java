package dev.inlet.rtmp.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log lines of closed connections, at most {@code linesPerSecond} per reason: a flood of garbage or
 * silent connections would otherwise write one line per connection and bury everything else. Lines over the
 * budget are counted, and the next line of that reason says how many were left out. Counters stay exact
 * elsewhere ({@link ConnectionFailures#snapshot()}).
 */
final class CloseLog {

    private static final Logger LOG = Logger.getLogger(ConnectionFailures.class.getName());
    private static final long SECOND = 1_000_000_000L;

    private final int linesPerSecond;
    private final LongSupplier nanoClock;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    CloseLog(int linesPerSecond, LongSupplier nanoClock) {
        this.linesPerSecond = linesPerSecond;
        this.nanoClock = nanoClock;
    }

    /** Logs "closing peer: description (reason)" unless this reason has used its lines of the current second. */
    void closing(Level level, Object peer, String description, String reason, Throwable error) {
        long leftOut = budgets.computeIfAbsent(reason, r -> new Budget()).take(nanoClock.getAsLong());
        if (leftOut < 0) {
            return;
        }
        String line = "closing " + peer + ": " + description + " (" + reason + ")"
                + (leftOut > 0 ? "; " + leftOut + " more closed for the same reason were not logged" : "");
        if (error == null) {
            LOG.log(level, line);
        } else {
            LOG.log(level, line, error);
        }
    }

    private final class Budget {
        private long secondStart = Long.MIN_VALUE;
        private int used;
        private long suppressed;

        /** -1: over budget (counted); otherwise the lines left out since the last one logged. */
        synchronized long take(long now) {
            if (secondStart == Long.MIN_VALUE || now - secondStart >= SECOND) {
                secondStart = now;
                used = 0;
            }
            if (used >= linesPerSecond) {
                suppressed++;
                return -1;
            }
            used++;
            long leftOut = suppressed;
            suppressed = 0;
            return leftOut;
        }
    }
}
