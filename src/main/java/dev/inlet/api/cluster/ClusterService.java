package dev.inlet.api.cluster;

import dev.inlet.api.streams.Disconnections;
import dev.inlet.cluster.ClusterCommand;
import dev.inlet.cluster.ClusterControl;
import dev.inlet.cluster.ClusterSession;
import dev.inlet.core.EdgeTokens;
import dev.inlet.core.Registry;
import dev.inlet.edge.EdgePulls;
import dev.inlet.edge.Origin;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.registry.RegistryProducer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's part of the control plane over all nodes of the database (see {@link ClusterControl}): its sessions
 * for the others to list, the others' sessions for this node's API, and commands both ways. Started with the web
 * module ({@link ClusterStarter}); without the database registry there is no cluster and every call is local.
 */
@ApplicationScoped
public class ClusterService {

    private static final Logger LOG = Logger.getLogger(ClusterService.class.getName());

    @Inject
    RtmpServer server;
    @Inject
    Registry registry;
    @Inject
    ThreadFactory threadFactory;
    @Inject
    Disconnections disconnections;

    private ClusterControl control;
    private EdgePulls edgePulls;
    private boolean started;

    /** A node outside any cluster (no database registry): everything stays local. */
    public static ClusterService standalone() {
        ClusterService alone = new ClusterService();
        alone.started = true;
        return alone;
    }

    synchronized Optional<ClusterControl> control() {
        if (!started) {
            started = true;
            // the registry is a CDI proxy of its interface: it says whether it is shared, not its class
            Optional<String> node = registry.clusterNodeId();
            if (node.isPresent()) {
                EdgeConfig edge = EdgeConfig.read(server.boundPort());
                control = new ClusterControl(RegistryProducer.dataSource(), node.get(),
                        edge.secret().isPresent() ? edge.advertiseAddress() : null, new LocalNode(),
                        threadFactory, Clock.systemUTC(), ClusterControl.Timing.DEFAULT);
                ClusterControl started = control;
                server.core().onPublishBlock(block -> started.blocked(block.address(),
                        block.blockedUntil().toEpochMilli(), block.blocks()));
                control.start();
                LOG.log(Level.INFO, "cluster control plane of node {0} started", node.get());
                startEdgePulls(node.get(), edge);
            }
        }
        return Optional.ofNullable(control);
    }

    /**
     * Play anywhere: with the cluster secret, this node serves other nodes' pulls of what it publishes and pulls
     * what they publish for its own readers. Without it, both are off and the log says how to turn them on.
     */
    private void startEdgePulls(String node, EdgeConfig edge) {
        if (edge.secret().isEmpty()) {
            LOG.log(Level.INFO, "edge pulls are off: set the same inlet.cluster.secret (INLET_CLUSTER_SECRET) on every "
                    + "node so that players of any node can watch a stream published on another");
            return;
        }
        EdgeTokens tokens = new EdgeTokens(edge.secret().get(), Clock.systemUTC());
        ClusterControl cluster = control;
        edgePulls = new EdgePulls(server.core(), streamCode -> cluster.originOf(streamCode)
                .map(origin -> Origin.of(origin.node(), origin.rtmpAddress(), origin.priority())),
                tokens, node, edge.settings(), threadFactory);
        server.core().setEdgeTokens(tokens);
        server.core().setEdgeSource(edgePulls);
        LOG.log(Level.INFO, "edge pulls are on: other nodes pull streams published here from {0}",
                edge.advertiseAddress());
    }

    /** Streams this node pulls from other nodes now. */
    public synchronized int edgePullCount() {
        return edgePulls == null ? 0 : edgePulls.pulledCount();
    }

    /** This node's pulls that failed (connect, refusal, broken link) since start. */
    public synchronized long edgePullFailures() {
        return edgePulls == null ? 0 : edgePulls.failures();
    }

    /** This node's name in the cluster; empty without the database registry. */
    public Optional<String> nodeId() {
        return control().map(ClusterControl::nodeId);
    }

    /** The live sessions of the other nodes (none while this node is alone). */
    public List<ClusterSession> otherNodesSessions() {
        return control().map(ClusterControl::otherNodesSessions).orElse(List.of());
    }

    /**
     * Asks the node where the session lives to disconnect it. @return that node, empty when no other node has it
     */
    public Optional<String> kickElsewhere(String sessionId, String reason) throws SQLException {
        Optional<ClusterControl> cluster = control();
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> node = cluster.get().nodeOfSession(sessionId);
        if (node.isPresent()) {
            cluster.get().send(node.get(), ClusterCommand.Kind.KICK, sessionId, reason);
        }
        return node;
    }

    /** Tells the other nodes where the stream has a publisher (or, with {@code everyNode}, all of them). */
    public void forStream(String streamCode, ClusterCommand.Kind kind, String argument, String reason,
                          boolean everyNode) {
        control().ifPresent(cluster -> {
            try {
                List<String> nodes = cluster.sendForStream(streamCode, kind, argument, reason, everyNode);
                if (!nodes.isEmpty()) {
                    LOG.log(Level.INFO, "{0} for stream {1} sent to node(s) {2}", new Object[]{kind, streamCode, nodes});
                }
            } catch (SQLException e) {
                LOG.log(Level.WARNING, kind + " for stream " + streamCode + " could not reach the other nodes: "
                        + e.getMessage());
            }
        });
    }

    /** Lifts the address's block on every other node. @return whether another node had blocked it */
    public boolean unblockElsewhere(String address) {
        Optional<ClusterControl> cluster = control();
        if (cluster.isEmpty()) {
            return false;
        }
        try {
            return cluster.get().unblock(address);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "unblocking " + address + " on the other nodes failed: " + e.getMessage());
            return false;
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (edgePulls != null) {
            server.core().setEdgeSource(null);
            server.core().setEdgeTokens(null);
            edgePulls.close();
        }
        if (control != null) {
            control.close();
        }
    }

    /** This node as the others see it. */
    private final class LocalNode implements ClusterControl.LocalNode {

        @Override
        public List<ClusterSession> sessions(long now) {
            String node = control == null ? "" : control.nodeId();
            List<ClusterSession> sessions = new ArrayList<>();
            server.publishers().forEach(p -> sessions.add(new ClusterSession(node, p.id(), ClusterSession.Role.PUBLISHER,
                    p.streamCode(), p.protocol(), p.remoteAddress(), p.priority(), p.keyPrefix(), millis(p.startedAt()),
                    p.bytesIn(), now)));
            server.players().forEach(p -> sessions.add(new ClusterSession(node, p.id(), ClusterSession.Role.PLAYER,
                    p.streamCode(), p.protocol(), p.remoteAddress(), 0, null, millis(p.startedAt()), p.bytesSent(), now)));
            return sessions;
        }

        @Override
        public void run(ClusterCommand command) {
            switch (command.kind()) {
                case KICK -> server.kick(command.argument(), command.reason());
                case DISCONNECT_KEY -> {
                    String[] parts = command.argument().split("/", 3);
                    if (parts.length == 3) {
                        disconnections.localPublisherUsing(parts[0], Integer.parseInt(parts[1]), parts[2],
                                command.reason());
                    }
                }
                case DISCONNECT_STREAM -> disconnections.localPublishersOf(command.argument(), command.reason());
                case DISABLE_STREAM -> {
                    server.setStreamEnabled(command.argument(), false);
                    disconnections.localPublishersOf(command.argument(), command.reason());
                }
                case ENABLE_STREAM -> server.setStreamEnabled(command.argument(), true);
                case UNBLOCK -> server.unblock(command.argument());
            }
        }

        @Override
        public void applyBlock(dev.inlet.cluster.SharedBlock block) {
            server.core().applyPublishBlock(block.address(),
                    java.time.Duration.ofMillis(block.until() - System.currentTimeMillis()), block.blocks());
        }

        private long millis(Instant instant) {
            return instant == null ? 0 : instant.toEpochMilli();
        }
    }
}
