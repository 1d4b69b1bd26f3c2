package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.LimitExceededException;
import dev.inlet.rtmp.RtmpProtocolException;
import org.glassfish.grizzly.Connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where a failing connection is closed: logs the reason an operator can act on,
 * counts it per reason, and makes sure nothing propagates into the transport.
 */
public final class ConnectionFailures {

    private static final Logger LOG = Logger.getLogger(ConnectionFailures.class.getName());

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Closes {@code connection} because of {@code failure}; always safe to call. */
    public void close(Connection<?> connection, Throwable failure) {
        String reason;
        if (failure instanceof LimitExceededException limit) {
            reason = limit.limit();
            LOG.log(Level.INFO, "closing {0}: {1} ({2})",
                    new Object[]{connection.getPeerAddress(), limit.getMessage(), reason});
        } else if (failure instanceof RtmpProtocolException protocol) {
            reason = protocol.reason().name().toLowerCase();
            LOG.log(Level.INFO, "closing {0}: {1} ({2})",
                    new Object[]{connection.getPeerAddress(), protocol.getMessage(), reason});
        } else {
            reason = "internal_error";
            LOG.log(Level.WARNING, "closing " + connection.getPeerAddress() + " after an internal error", failure);
        }
        count(reason);
        connection.closeSilently();
    }

    /** Logs and counts {@code reason}, then closes; for limits enforced outside the protocol code. */
    public void close(Connection<?> connection, String reason, String description) {
        LOG.log(Level.INFO, "closing {0}: {1} ({2})", new Object[]{connection.getPeerAddress(), description, reason});
        count(reason);
        connection.closeSilently();
    }

    /** Counts a close that happened for a reason other than an exception (timeouts, slow peers). */
    public void count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Closes per reason since start, for metrics. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }
}
