package dev.inlet.rtmp.transport;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.nio.NIOConnection;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How Inlet lets go of a peer — the one place of that policy. When Inlet gives up on a peer (slow, failed, timed
 * out, kicked, over a limit) it <em>aborts</em>: what is queued is dropped and the socket is closed at once.
 * Grizzly's own {@code close()} is graceful — it waits behind the queued writes — so a peer that stopped reading
 * kept its descriptor, Grizzly's queue and the kernel's send buffer for as long as it kept the connection. Only
 * where the peer should still receive something (a refusal status, the end of a stream) is the close graceful,
 * and then bounded: a flush that does not finish within {@code flushBound} is aborted too.
 *
 * <p>Only methods Grizzly 4.0 has too ({@code terminateSilently}, {@code getChannel}): Payara ships its own.
 */
public final class ConnectionCloser {

    /** How long a graceful close may wait for the peer to take what is queued. */
    static final Duration FLUSH_BOUND = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(ConnectionCloser.class.getName());

    private final ConnectionFailures failures;
    private final ScheduledExecutorService timer;
    private final Duration flushBound;

    /** @param timer runs the flush bound's check; a stopped timer turns a graceful close into an abort */
    ConnectionCloser(ConnectionFailures failures, ScheduledExecutorService timer, Duration flushBound) {
        this.failures = failures;
        this.timer = timer;
        this.flushBound = flushBound;
    }

    /** Drops what is queued and closes now; always safe to call, also on a closed connection. */
    void abort(Connection<?> connection) {
        if (terminate(connection)) {
            failures.countClose(CloseKind.ABORTED);
        }
    }

    /**
     * Closes once what is queued has been written, but no later than the flush bound: a peer that does not take
     * it by then is aborted ({@code flush_timeout}).
     */
    void closeAfterFlush(Connection<?> connection, Object peer) {
        if (!connection.isOpen()) {
            return;
        }
        failures.countClose(CloseKind.AFTER_FLUSH);
        connection.closeSilently();
        try {
            timer.schedule(() -> {
                if (connection.isOpen()) {
                    failures.closed(peer, "flush_timeout",
                            "what was queued before the close was not taken within " + flushBound.toMillis() + " ms");
                    abort(connection);
                }
            }, flushBound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            abort(connection); // the listener is stopping: nothing would enforce the bound
        }
    }

    /**
     * The abort itself: SO_LINGER 0 makes the kernel discard the unsent bytes and answer with a reset instead of
     * holding them for a peer that does not read; {@code terminateSilently} drops Grizzly's write queue and
     * closes the channel without waiting behind it. True if the connection was still open. Public for the
     * HTTP-FLV player, whose connection on Payara is a Grizzly one too.
     */
    public static boolean terminate(Connection<?> connection) {
        if (!connection.isOpen()) {
            return false;
        }
        if (connection instanceof NIOConnection nio && nio.getChannel() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                // the channel is already closing; terminating it is all that is left to do
                LOG.log(Level.FINE, "SO_LINGER 0 not set on " + connection.getPeerAddress(), e);
            }
        }
        connection.terminateSilently();
        return true;
    }
}
