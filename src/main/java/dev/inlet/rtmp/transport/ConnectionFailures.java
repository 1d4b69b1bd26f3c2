package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.LimitExceededException;
import dev.inlet.rtmp.RtmpProtocolException;
import org.glassfish.grizzly.Connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;

/**
 * The one place where a failing connection is closed: logs the reason an operator can act on,
 * counts it per reason, and makes sure nothing propagates into the transport. A failing connection is aborted
 * ({@link ConnectionCloser#terminate}): nothing queued for it is worth waiting for.
 */
public final class ConnectionFailures {

    /** Log lines per close reason and second; the rest are counted and summed up in the next line. */
    static final int LOG_LINES_PER_SECOND = 10;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<CloseKind, LongAdder> kinds = new java.util.EnumMap<>(CloseKind.class);
    private final CloseLog log;

    public ConnectionFailures() {
        this(System::nanoTime);
    }

    ConnectionFailures(java.util.function.LongSupplier nanoClock) {
        this.log = new CloseLog(LOG_LINES_PER_SECOND, nanoClock);
        for (CloseKind kind : CloseKind.values()) {
            kinds.put(kind, new LongAdder());
        }
    }

    /** Closes {@code connection} because of {@code failure}; always safe to call. */
    public void close(Connection<?> connection, Throwable failure) {
        String reason;
        if (failure instanceof LimitExceededException limit) {
            reason = limit.limit();
            log.closing(Level.INFO, connection.getPeerAddress(), limit.getMessage(), reason, null);
        } else if (failure instanceof RtmpProtocolException protocol) {
            reason = protocol.reason().name().toLowerCase();
            log.closing(Level.INFO, connection.getPeerAddress(), protocol.getMessage(), reason, null);
        } else {
            reason = "internal_error";
            log.closing(Level.WARNING, connection.getPeerAddress(), "internal error", reason, failure);
        }
        count(reason);
        abort(connection);
    }

    /** Logs and counts {@code reason}, then aborts; for limits enforced outside the protocol code. */
    public void close(Connection<?> connection, String reason, String description) {
        closed(connection.getPeerAddress(), reason, description);
        abort(connection);
    }

    private void abort(Connection<?> connection) {
        if (ConnectionCloser.terminate(connection)) {
            countClose(CloseKind.ABORTED);
        }
    }

    /** Logs (within the per-reason budget) and counts a close the caller carries out itself. */
    public void closed(Object peer, String reason, String description) {
        log.closing(Level.INFO, peer, description, reason, null);
        count(reason);
    }

    /** Counts a close that happened for a reason other than an exception (timeouts, slow peers). */
    public void count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Counts one close Inlet carried out, by how it closed. */
    void countClose(CloseKind kind) {
        kinds.get(kind).increment();
    }

    /** Closes Inlet carried out since start, per {@link CloseKind}, for metrics. */
    public Map<CloseKind, Long> closeKinds() {
        Map<CloseKind, Long> copy = new java.util.EnumMap<>(CloseKind.class);
        kinds.forEach((kind, adder) -> copy.put(kind, adder.sum()));
        return copy;
    }

    /** Closes per reason since start, for metrics. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }
}
