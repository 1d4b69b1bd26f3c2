package dev.inlet.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of durations recorded by many player threads: 50 µs buckets up to 100 ms, then
 * 5 ms buckets up to about 10 s, then one overflow bucket. Percentiles are reported as bucket upper bounds.
 */
final class LatencyHistogram {

    private static final long FINE_STEP_MICROS = 50;
    private static final int FINE_BUCKETS = 2000;
    private static final long COARSE_STEP_MICROS = 5000;
    private static final int COARSE_BUCKETS = 2000;

    private final AtomicLongArray counts = new AtomicLongArray(FINE_BUCKETS + COARSE_BUCKETS + 1);

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        int bucket;
        if (micros < FINE_STEP_MICROS * FINE_BUCKETS) {
            bucket = (int) (micros / FINE_STEP_MICROS);
        } else {
            long coarse = (micros - FINE_STEP_MICROS * FINE_BUCKETS) / COARSE_STEP_MICROS;
            bucket = FINE_BUCKETS + (int) Math.min(coarse, COARSE_BUCKETS);
        }
        counts.incrementAndGet(bucket);
    }

    /** Adds every duration {@code other} recorded (a run over many streams has one histogram per stream). */
    void addAll(LatencyHistogram other) {
        for (int i = 0; i < counts.length(); i++) {
            counts.addAndGet(i, other.counts.get(i));
        }
    }

    long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The largest duration the buckets resolve; anything longer lands in the overflow bucket. */
    static final double RESOLVED_MILLIS = (FINE_STEP_MICROS * FINE_BUCKETS + COARSE_STEP_MICROS * COARSE_BUCKETS) / 1000.0;

    /**
     * The {@code percentile} (0..100) in milliseconds, NaN when nothing was recorded, or positive infinity
     * when it falls in the overflow bucket (longer than {@link #RESOLVED_MILLIS}).
     */
    double percentileMillis(double percentile) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(total * percentile / 100.0);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return i == counts.length() - 1 ? Double.POSITIVE_INFINITY : upperBoundMicros(i) / 1000.0;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static long upperBoundMicros(int bucket) {
        if (bucket < FINE_BUCKETS) {
            return (bucket + 1) * FINE_STEP_MICROS;
        }
        return FINE_STEP_MICROS * FINE_BUCKETS + (long) (bucket - FINE_BUCKETS + 1) * COARSE_STEP_MICROS;
    }
}
