package dev.inlet.rtmp.transport;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * First after the transport: a connection over the total or per-address limit is closed the moment it is
 * accepted, before it costs a TLS or RTMP handshake, a timer or a session.
 */
final class ConnectionLimitFilter extends BaseFilter {

    private final Attribute<InetAddress> admittedAttribute =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ConnectionLimitFilter.class.getName() + ".admitted");
    private final ConnectionAdmission admission;
    private final ConnectionFailures failures;

    ConnectionLimitFilter(ConnectionAdmission admission, ConnectionFailures failures) {
        this.admission = admission;
        this.failures = failures;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        InetAddress address = connection.getPeerAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address == null) {
            failures.close(connection, "no_peer_address", "accepted connection without a peer address");
            return ctx.getStopAction();
        }
        String refusal = admission.admit(address);
        if (refusal != null) {
            failures.close(connection, refusal, ConnectionAdmission.TOO_MANY.equals(refusal)
                    ? "more than " + admission.maxTotal() + " open connections"
                    : "more than " + admission.maxPerAddress() + " open connections from " + address.getHostAddress());
            return ctx.getStopAction();
        }
        admittedAttribute.set(connection, address);
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        InetAddress address = admittedAttribute.remove(ctx.getConnection());
        if (address != null) {
            admission.release(address);
        }
        return ctx.getInvokeAction();
    }
}
