package dev.inlet.api.streams;

import dev.inlet.core.KeyRecord;
import dev.inlet.core.PublisherView;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.api.cluster.ClusterService;
import dev.inlet.cluster.ClusterCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Predicate;

/**
 * Disconnects the publishers an administrative change has just made illegitimate, on this node and, through the
 * control plane, on the other nodes where the stream has a publisher.
 */
@ApplicationScoped
public class Disconnections {

    @Inject
    RtmpServer server;
    @Inject
    ClusterService cluster;

    /**
     * Every publisher of the stream (deleted). Sent to every other node: the stream's leases, which say where its
     * publishers are, went with its row. @return how many were disconnected on this node
     */
    public int publishersOf(String streamCode, String reason) {
        cluster.forStream(streamCode, ClusterCommand.Kind.DISCONNECT_STREAM, streamCode, reason, true);
        return localPublishersOf(streamCode, reason);
    }

    /** Disables the stream on every other node (its publishers there are disconnected) and here. */
    public int streamDisabled(String streamCode, String reason) {
        cluster.forStream(streamCode, ClusterCommand.Kind.DISABLE_STREAM, streamCode, reason, true);
        return localPublishersOf(streamCode, reason);
    }

    /** Lets the other nodes accept the stream's publishes again. */
    public void streamEnabled(String streamCode) {
        cluster.forStream(streamCode, ClusterCommand.Kind.ENABLE_STREAM, streamCode, "stream enabled", true);
    }

    /** The publisher using this key, recognised by stream, input and key prefix, wherever it is. */
    public int publisherUsing(KeyRecord key, String reason) {
        cluster.forStream(key.streamCode(), ClusterCommand.Kind.DISCONNECT_KEY,
                ClusterCommand.keyArgument(key.streamCode(), key.priority(), key.prefix()), reason, false);
        return localPublisherUsing(key.streamCode(), key.priority(), key.prefix(), reason);
    }

    public int localPublishersOf(String streamCode, String reason) {
        return kick(p -> p.streamCode().equals(streamCode), reason);
    }

    public int localPublisherUsing(String streamCode, int priority, String keyPrefix, String reason) {
        return kick(p -> p.streamCode().equals(streamCode) && p.priority() == priority
                && p.keyPrefix().equals(keyPrefix), reason);
    }

    private int kick(Predicate<PublisherView> which, String reason) {
        return (int) server.publishers().stream().filter(which).filter(p -> server.kick(p.id(), reason)).count();
    }
}
