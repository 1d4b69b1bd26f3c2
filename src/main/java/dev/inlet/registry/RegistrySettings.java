package dev.inlet.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/**
 * How the database registry behaves. In the container these come from MicroProfile Config (see
 * {@link RegistryProducer} for the keys); tests build them directly.
 *
 * @param nodeId          names this server in the lease table; unique per node sharing one database
 * @param leaseTimeout    a lease not heartbeated for this long may be taken by another publisher
 * @param heartbeatPeriod how often this node refreshes its leases (well below {@code leaseTimeout})
 * @param takeover        a new publisher with a key replaces the live one instead of being refused
 * @param queryTimeout    the longest one registry statement may take before it counts as an outage
 * @param threads         threads that run acquires and releases off the connections' I/O threads
 */
public record RegistrySettings(String nodeId, Duration leaseTimeout, Duration heartbeatPeriod, boolean takeover,
                               Duration queryTimeout, int threads) {

    public RegistrySettings {
        if (heartbeatPeriod.compareTo(leaseTimeout) >= 0) {
            throw new IllegalArgumentException("the heartbeat period (" + heartbeatPeriod
                    + ") must be shorter than the lease timeout (" + leaseTimeout + ")");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("at least one registry thread is needed");
        }
    }

    public static RegistrySettings defaults() {
        return new RegistrySettings(defaultNodeId(), Duration.ofSeconds(15), Duration.ofSeconds(5), false,
                Duration.ofSeconds(5), 4);
    }

    public RegistrySettings withNodeId(String id) {
        return new RegistrySettings(id, leaseTimeout, heartbeatPeriod, takeover, queryTimeout, threads);
    }

    public RegistrySettings withLeaseTimeout(Duration timeout, Duration heartbeat) {
        return new RegistrySettings(nodeId, timeout, heartbeat, takeover, queryTimeout, threads);
    }

    public RegistrySettings withTakeover(boolean replace) {
        return new RegistrySettings(nodeId, leaseTimeout, heartbeatPeriod, replace, queryTimeout, threads);
    }

    /** The host name and a random suffix: two servers on one host never share an id by accident. */
    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
