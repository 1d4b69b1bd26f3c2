package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.session.ServerSession;
import dev.inlet.rtmp.session.ServerSessionHandler;
import dev.inlet.rtmp.session.SessionSettings;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

import java.io.IOException;
import java.util.function.Function;

/** Hands decoded messages to the connection's {@link ServerSession}; the last filter of the chain. */
final class SessionFilter extends BaseFilter {


    private final Attribute<ServerSession> sessionAttribute =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(SessionFilter.class.getName() + ".session");
    private final Function<ServerSession, ServerSessionHandler> handlerFactory;
    private final SessionSettings settings;
    private final ConnectionFailures failures;
    private final ConnectionCloser closer;
    private final long maxQueuedBytes;
    private final FlushScheduler flushes;
    private final java.util.Map<Connection<?>, ServerSession> live = new java.util.concurrent.ConcurrentHashMap<>();

    SessionFilter(Function<ServerSession, ServerSessionHandler> handlerFactory, SessionSettings settings,
                  ConnectionFailures failures, ConnectionCloser closer, long maxQueuedBytes, FlushScheduler flushes) {
        this.closer = closer;
        this.handlerFactory = handlerFactory;
        this.flushes = flushes;
        this.maxQueuedBytes = maxQueuedBytes;
        this.settings = settings;
        this.failures = failures;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        // Created at accept so that the silence check covers a client that never says anything.
        try {
            sessionOf(ctx.getConnection());
        } catch (RuntimeException e) {
            failures.close(ctx.getConnection(), e);
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        DecodedMessages decoded = ctx.getMessage();
        try {
            ServerSession session = sessionOf(connection);
            for (RtmpMessage message : decoded.messages()) {
                if (!connection.isOpen()) {
                    break;
                }
                session.onMessage(message);
            }
            session.onBytesReceived(decoded.totalBytesRead());
        } catch (RuntimeException e) {
            failures.close(connection, e);
        }
        return ctx.getStopAction();
    }

    private ServerSession sessionOf(Connection<?> connection) {
        ServerSession session = sessionAttribute.get(connection);
        if (session == null) {
            session = new ServerSession(new ConnectionOutput(connection, failures, closer, maxQueuedBytes, flushes),
                    handlerFactory, settings);
            sessionAttribute.set(connection, session);
            live.put(connection, session);
        }
        return session;
    }

    /** Aborts connections that have been silent for longer than their state allows; run periodically. */
    void closeSilentConnections() {
        long now = System.nanoTime();
        live.forEach((connection, session) -> {
            ServerSession.IdleClose idle = session.idleClose(now);
            if (idle != null) {
                failures.closed(session.remoteAddress(), idle.reason(), idle.description());
                live.remove(connection);
                session.onTransportClosed(idle.description(), null); // first, so the publish ends with this reason
                closer.abort(connection); // a player that stopped reading must not keep its socket and queue
            }
        });
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        live.remove(ctx.getConnection());
        ServerSession session = sessionAttribute.remove(ctx.getConnection());
        if (session != null) {
            try {
                session.onTransportClosed("connection closed", null);
            } catch (RuntimeException e) {
                failures.close(ctx.getConnection(), e);
            }
        }
        return ctx.getInvokeAction();
    }

    @Override
    public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
        live.remove(ctx.getConnection());
        ServerSession session = sessionAttribute.remove(ctx.getConnection());
        if (session != null) {
            try {
                session.onTransportClosed("connection failed: " + error, error instanceof IOException ? error : null);
            } catch (RuntimeException ignored) {
                // the connection is going away; the failure itself is what gets reported
            }
        }
    }
}
