package dev.inlet.rtmp.transport;

import java.time.Duration;

/**
 * How media bound for players is written. A socket write costs mostly per call (the system call, a TCP
 * segment, waking the reader), hardly per byte; so each connection collects the media the hub hands it
 * and a flusher thread writes everything pending with one gathering write, at most once per
 * {@code window}. That trades at most {@code window} of added latency for far fewer writes per player.
 *
 * @param window  how long a connection's media may wait to be merged with the next; zero writes every
 *                message at once on the thread that sends it
 * @param threads flusher threads; connections are spread over them, so writes run on every core rather
 *                than all on the publisher's thread
 */
public record WriteMerging(Duration window, int threads) {

    public WriteMerging {
        if (window.isNegative()) {
            throw new IllegalArgumentException("write merge window must not be negative: " + window);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("at least one flusher thread is needed: " + threads);
        }
    }

    public static WriteMerging defaults() {
        return new WriteMerging(Duration.ofMillis(15), Runtime.getRuntime().availableProcessors());
    }

    /** Every message written at once by the thread that sends it. */
    public static WriteMerging off() {
        return new WriteMerging(Duration.ZERO, 1);
    }

    public boolean enabled() {
        return !window.isZero();
    }
}
