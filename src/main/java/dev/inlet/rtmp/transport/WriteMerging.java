package dev.inlet.rtmp.transport;

import java.time.Duration;

/**
 * How media bound for players is written. A socket write costs mostly per call (the system call, a TCP
 * segment, waking the reader), hardly per byte; so each connection collects the media the hub hands it
 * and a flusher thread writes everything pending with one gathering write. While a flusher writes more
 * than {@code busyMessagesPerSecond} messages a second, it waits {@code window} after a connection's first
 * pending message so that what follows joins the same write; below that, merging would save little and
 * only add latency, so it writes at once.
 *
 * @param window                how long a busy flusher lets a connection's media wait to be merged with the
 *                              next; zero writes every message at once on the thread that sends it
 * @param threads               flusher threads; connections are spread over them, so writes run on every core
 *                              rather than all on the publisher's thread
 * @param busyMessagesPerSecond messages a flusher writes per second (over the last second) from which it
 *                              merges; 0 merges always
 */
public record WriteMerging(Duration window, int threads, int busyMessagesPerSecond) {

    public WriteMerging {
        if (window.isNegative()) {
            throw new IllegalArgumentException("write merge window must not be negative: " + window);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("at least one flusher thread is needed: " + threads);
        }
        if (busyMessagesPerSecond < 0) {
            throw new IllegalArgumentException("messages per second must not be negative: " + busyMessagesPerSecond);
        }
    }

    /** Merging within {@code window} whatever the load. */
    public WriteMerging(Duration window, int threads) {
        this(window, threads, 0);
    }

    public static WriteMerging defaults() {
        return new WriteMerging(Duration.ofMillis(15), Runtime.getRuntime().availableProcessors(), 1000);
    }

    /** Every message written at once by the thread that sends it. */
    public static WriteMerging off() {
        return new WriteMerging(Duration.ZERO, 1);
    }

    public boolean enabled() {
        return !window.isZero();
    }
}
