package dev.inlet.api.flv;

import dev.inlet.rtmp.transport.ConnectionCloser;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drops an HTTP connection at once, what it still holds for the client discarded. The servlet API can only end a
 * response gracefully, and a graceful end waits for a client that does not read for as long as it keeps the
 * connection, with everything the container queued for it. Payara's container runs on Grizzly: its request leads
 * to the Grizzly connection, which is aborted like an RTMP one ({@link ConnectionCloser#terminate}). Elsewhere
 * (WildFly) this finds nothing, and the caller ends the response as usual.
 */
final class HttpConnectionAbort {

    private static final Logger LOG = Logger.getLogger(HttpConnectionAbort.class.getName());
    private static final HttpConnectionAbort NONE = new HttpConnectionAbort(null);

    private final Connection<?> connection;

    private HttpConnectionAbort(Connection<?> connection) {
        this.connection = connection;
    }

    /** Finds the connection of {@code request}; call it while the request is being served. */
    static HttpConnectionAbort of(ServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        try {
            // Payara: RequestFacade → catalina Request → Grizzly's HTTP request → its filter chain context.
            Object catalina = unwrapped.getClass().getMethod("getUnwrappedCoyoteRequest").invoke(unwrapped);
            Object grizzly = catalina.getClass().getMethod("getCoyoteRequest").invoke(catalina);
            Object context = grizzly.getClass().getMethod("getContext").invoke(grizzly);
            if (context instanceof FilterChainContext chain && chain.getConnection() != null) {
                return new HttpConnectionAbort(chain.getConnection());
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notGrizzly) {
            LOG.log(Level.FINEST, "no Grizzly connection behind this request", notGrizzly);
        }
        return NONE;
    }

    /** Resets the connection now; nothing where this container's connection is not reachable. */
    void abort() {
        if (connection != null) {
            ConnectionCloser.terminate(connection);
        }
    }
}
