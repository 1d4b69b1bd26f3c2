package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.handshake.HandshakeServer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the RTMP handshake: C0+C1 in, S0+S1+S2 out, C2 in; afterwards passes every byte on
 * untouched. A handshake that does not complete in time closes the connection.
 */
final class HandshakeFilter extends BaseFilter {

    private final Attribute<Progress> progressAttribute =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HandshakeFilter.class.getName() + ".progress");
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final ConnectionFailures failures;
    private final SecureRandom random = new SecureRandom();

    HandshakeFilter(Duration timeout, ScheduledExecutorService timer, ConnectionFailures failures) {
        this.timeout = timeout;
        this.timer = timer;
        this.failures = failures;
    }

    /** Per-connection handshake state; {@code server} is dropped once the handshake is done. */
    private static final class Progress {
        volatile HandshakeServer server;
        boolean c0c1Received;
        ScheduledFuture<?> deadline;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        Progress progress = new Progress();
        progress.server = new HandshakeServer(random);
        progressAttribute.set(connection, progress);
        progress.deadline = timer.schedule(() -> {
            if (progress.server != null && connection.isOpen()) {
                failures.close(connection, "handshake_timeout",
                        "handshake not completed within " + timeout.toMillis() + " ms");
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Progress progress = progressAttribute.get(ctx.getConnection());
        if (progress == null || progress.server == null) {
            return ctx.getInvokeAction();
        }
        Buffer input = ctx.getMessage();
        try {
            if (!progress.c0c1Received) {
                if (input.remaining() < HandshakeServer.C0C1_LENGTH) {
                    return ctx.getStopAction(copyOfRest(ctx, input));
                }
                byte[] c0c1 = new byte[HandshakeServer.C0C1_LENGTH];
                input.get(c0c1);
                byte[] response = progress.server.respondToC0C1(c0c1);
                progress.c0c1Received = true;
                ctx.write(Buffers.wrap(ctx.getMemoryManager(), response));
            }
            if (input.remaining() < HandshakeServer.C2_LENGTH) {
                return input.hasRemaining() ? ctx.getStopAction(copyOfRest(ctx, input)) : ctx.getStopAction();
            }
            byte[] c2 = new byte[HandshakeServer.C2_LENGTH];
            input.get(c2);
            progress.server.acceptC2(c2);
            progress.server = null;
            progress.deadline.cancel(false);
        } catch (RuntimeException e) {
            failures.close(ctx.getConnection(), e);
            return ctx.getStopAction();
        }
        if (!input.hasRemaining()) {
            return ctx.getStopAction();
        }
        ctx.setMessage(input.split(input.position()));
        return ctx.getInvokeAction();
    }

    /**
     * What is kept until more bytes arrive is a copy: the read buffer itself is reused for the next read (see
     * {@link ReadBufferMemoryManager}). At most a C0+C1 or a C2, once per connection.
     */
    private static Buffer copyOfRest(FilterChainContext ctx, Buffer input) {
        byte[] rest = new byte[input.remaining()];
        input.get(rest);
        return Buffers.wrap(ctx.getMemoryManager(), rest);
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        Progress progress = progressAttribute.remove(ctx.getConnection());
        if (progress != null && progress.deadline != null) {
            progress.deadline.cancel(false);
        }
        return ctx.getInvokeAction();
    }
}
