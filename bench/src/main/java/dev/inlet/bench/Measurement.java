package dev.inlet.bench;

import java.util.concurrent.atomic.LongAdder;

/** State shared by every player: the window being measured and the counters they add to. */
final class Measurement {

    final SendLog log;
    /** Publish → arrival of the messages published while the player was already playing: forwarding. */
    final LatencyHistogram latency = new LatencyHistogram();
    /**
     * The same over every message, the catch-up too: a cached frame published before the player asked for the
     * stream arrives as old as it is, which measures how far back the catch-up starts, not how fast the server
     * forwards (nginx-rtmp sends no catch-up, so its two figures are the same).
     */
    final LatencyHistogram latencyWithCatchUp = new LatencyHistogram();
    final LongAdder receivedBytes = new LongAdder();
    final LongAdder unmatchedMessages = new LongAdder();
    /** Messages whose (type, timestamp) names a published message of another size: a wrong timestamp. */
    final LongAdder mislabelledMessages = new LongAdder();
    private final java.util.concurrent.atomic.AtomicInteger anomaliesReported = new java.util.concurrent.atomic.AtomicInteger();
    /** Messages published after this one are not counted as missed: they may still be in flight. */
    volatile int lastCountedSequence = Integer.MAX_VALUE;
    private volatile long windowStartNanos = Long.MAX_VALUE;
    private volatile boolean recordingLatency;

    Measurement(SendLog log) {
        this.log = log;
    }

    /** Prints the first few anomalies (wrong timestamps, duplicates) to stderr, for diagnosis. */
    void reportAnomaly(String description) {
        if (anomaliesReported.incrementAndGet() <= 10) {
            System.err.println("anomaly: " + description);
        }
    }

    void startWindow(long nowNanos) {
        windowStartNanos = nowNanos;
        recordingLatency = true;
    }

    void endWindow() {
        recordingLatency = false;
        lastCountedSequence = log.lastSequence();
    }

    /** Whether a message sent at {@code sentAtNanos} and received now belongs to the latency sample. */
    boolean measuresLatencyOf(long sentAtNanos) {
        return recordingLatency && sentAtNanos >= windowStartNanos;
    }
}
