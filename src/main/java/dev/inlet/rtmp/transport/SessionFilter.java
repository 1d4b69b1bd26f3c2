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
    private final long maxQueuedBytes;

    SessionFilter(Function<ServerSession, ServerSessionHandler> handlerFactory, SessionSettings settings,
                  ConnectionFailures failures, long maxQueuedBytes) {
        this.handlerFactory = handlerFactory;
        this.maxQueuedBytes = maxQueuedBytes;
        this.settings = settings;
        this.failures = failures;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        DecodedMessages decoded = ctx.getMessage();
        try {
            ServerSession session = sessionAttribute.get(connection);
            if (session == null) {
                session = new ServerSession(new ConnectionOutput(connection, failures, maxQueuedBytes), handlerFactory, settings);
                sessionAttribute.set(connection, session);
            }
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

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
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
