package dev.inlet.cluster;

import dev.inlet.text.LogText;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One control plane over the nodes sharing a database, through the database: no gossip, no extra port. Once a
 * period (a second) this node writes its heartbeat and runs the commands other nodes left for it; every
 * {@link Timing#snapshotTicks} periods, while another node is alive, it writes a snapshot of its live sessions
 * (a lone node writes none). Its API then lists every node's sessions and forwards what must act elsewhere.
 */
public final class ClusterControl implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterControl.class.getName());
    /** Commands for a node that never came back are dropped after this long. */
    private static final Duration COMMAND_EXPIRY = Duration.ofMinutes(10);
    /** As many as a blocklist tracks addresses: one waiting block each. */
    static final int MAX_WAITING_BLOCKS = 10_000;

    /** What this node contributes: its live sessions, and how it carries out a command. */
    public interface LocalNode {
        List<ClusterSession> sessions(long now);

        void run(ClusterCommand command);

        /** Refuses publishes from the address until the block's end, as another node decided. */
        default void applyBlock(SharedBlock block) {
        }
    }

    /**
     * @param period        how often commands are polled and the heartbeat written
     * @param snapshotTicks a session snapshot every this many periods
     * @param nodeTimeout   a node whose heartbeat is older is gone; its sessions are not listed
     */
    public record Timing(Duration period, int snapshotTicks, Duration nodeTimeout, Duration queryTimeout) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), 2, Duration.ofSeconds(6),
                Duration.ofSeconds(5));
    }

    private final DataSource dataSource;
    private final String nodeId;
    private final LocalNode local;
    private final Clock clock;
    private final Timing timing;
    private final ClusterTable table;
    /** Where other nodes reach this node's RTMP listener for edge pulls; null when it serves none. */
    private final String rtmpAddress;
    private final ScheduledExecutorService timer;
    /** Blocks this node started, waiting to be written. */
    private final Queue<SharedBlock> newBlocks = new ConcurrentLinkedQueue<>();
    /** Other nodes' blocks applied here: address to end (epoch ms). Timer thread only. */
    private final Map<String, Long> appliedBlocks = new HashMap<>();
    private long ticks;
    private long lastCommandTime;
    private volatile boolean othersAlive;
    private volatile boolean closed;
    private volatile boolean failing;

    public ClusterControl(DataSource dataSource, String nodeId, LocalNode local, ThreadFactory threadFactory,
                          Clock clock, Timing timing) {
        this(dataSource, nodeId, null, local, threadFactory, clock, timing);
    }

    /** @param rtmpAddress {@code host:port} where the other nodes pull streams from this one; null for none */
    public ClusterControl(DataSource dataSource, String nodeId, String rtmpAddress, LocalNode local,
                          ThreadFactory threadFactory, Clock clock, Timing timing) {
        this.rtmpAddress = rtmpAddress;
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.local = local;
        this.clock = clock;
        this.timing = timing;
        this.table = new ClusterTable(timing.queryTimeout());
        this.timer = Executors.newSingleThreadScheduledExecutor(threadFactory);
    }

    public void start() {
        long period = timing.period().toMillis();
        timer.scheduleWithFixedDelay(this::tickSafely, 0, period, TimeUnit.MILLISECONDS);
    }

    public String nodeId() {
        return nodeId;
    }

    private void tickSafely() {
        if (closed) {
            return;
        }
        try {
            tick();
            if (failing) {
                failing = false;
                LOG.info("cluster control plane: the database answers again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "cluster control plane: " + e.getMessage() + " (commands and the session "
                        + "snapshot wait until the database answers)");
            }
        }
    }

    private void tick() throws SQLException {
        long now = clock.millis();
        try (Connection c = connection()) {
            table.heartbeat(c, nodeId, now, rtmpAddress);
            for (ClusterCommand command : table.takeCommands(c, nodeId)) {
                if (command.kind() == ClusterCommand.Kind.UNBLOCK) {
                    appliedBlocks.remove(command.argument());
                }
                run(command);
            }
            shareBlocks(c, now);
            if (ticks++ % timing.snapshotTicks() == 0) {
                boolean alive = !table.otherLiveNodes(c, nodeId, now - timing.nodeTimeout().toMillis()).isEmpty();
                if (alive) {
                    table.replaceSessions(c, nodeId, local.sessions(now));
                } else if (othersAlive) {
                    table.deleteSessionsOf(c, nodeId);
                }
                othersAlive = alive;
            }
            if (ticks % 600 == 1) {
                table.deleteCommandsBefore(c, now - COMMAND_EXPIRY.toMillis());
            }
        }
    }

    /** Writes this node's new blocks, and applies the other nodes' blocks not applied yet. */
    private void shareBlocks(Connection c, long now) throws SQLException {
        for (SharedBlock block; (block = newBlocks.peek()) != null; newBlocks.remove()) {
            table.upsertBlock(c, block.address(), block.until(), block.blocks(), nodeId);
        }
        appliedBlocks.values().removeIf(until -> until <= now);
        for (SharedBlock block : table.activeBlocks(c, now)) {
            if (!block.node().equals(nodeId) && !Long.valueOf(block.until()).equals(appliedBlocks.get(block.address()))) {
                appliedBlocks.put(block.address(), block.until());
                try {
                    local.applyBlock(block);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "applying the shared block of " + LogText.of(block.address()) + " failed", e);
                }
            }
        }
    }

    /**
     * This node blocked an address: every node will refuse it until {@code until} (epoch ms). While the database
     * cannot be reached the blocks wait, at most {@link #MAX_WAITING_BLOCKS} of them (the oldest go first).
     */
    public void blocked(String address, long until, int blocks) {
        newBlocks.add(new SharedBlock(address, until, blocks, nodeId));
        while (newBlocks.size() > MAX_WAITING_BLOCKS) {
            newBlocks.poll();
        }
    }

    int waitingBlocks() {
        return newBlocks.size();
    }

    /**
     * Lifts an address's shared block: removed from the database and lifted on every other live node.
     * @return whether the database had a block for it
     */
    public boolean unblock(String address) throws SQLException {
        try (Connection c = connection()) {
            boolean had = table.deleteBlock(c, address, clock.millis());
            for (String target : table.otherLiveNodes(c, nodeId, freshAfter())) {
                table.addCommand(c, UUID.randomUUID().toString(), target, ClusterCommand.Kind.UNBLOCK, address,
                        "unblocked by an administrator", commandTime());
            }
            return had;
        }
    }

    private void run(ClusterCommand command) {
        LOG.log(Level.INFO, "cluster command {0} {1} ({2})", new Object[]{command.kind(), LogText.of(command.argument()),
                LogText.of(command.reason())});
        try {
            local.run(command);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster command " + command.kind() + " failed", e);
        }
    }

    /** The live sessions of every other node, as they last wrote them; none while this node is alone. */
    public List<ClusterSession> otherNodesSessions() {
        if (!othersAlive) {
            return List.of();
        }
        try (Connection c = connection()) {
            return table.sessionsOfOtherNodes(c, nodeId, freshAfter());
        } catch (SQLException e) {
            LOG.log(Level.FINE, "other nodes' sessions", e);
            return List.of();
        }
    }

    /** The other node a session lives on, if one has it. */
    public Optional<String> nodeOfSession(String sessionId) throws SQLException {
        try (Connection c = connection()) {
            return table.nodeOfSession(c, nodeId, sessionId, freshAfter());
        }
    }

    /** Leaves a command for {@code targetNode}, which runs it within about a period. */
    public void send(String targetNode, ClusterCommand.Kind kind, String argument, String reason) throws SQLException {
        try (Connection c = connection()) {
            table.addCommand(c, UUID.randomUUID().toString(), targetNode, kind, argument, reason, commandTime());
        }
    }

    /**
     * Sends the command to every other node where the stream has a publisher (a lease); with {@code everyNode}, to
     * every other live node. @return the nodes it went to
     */
    public List<String> sendForStream(String streamCode, ClusterCommand.Kind kind, String argument, String reason,
                                      boolean everyNode) throws SQLException {
        try (Connection c = connection()) {
            List<String> targets = everyNode
                    ? table.otherLiveNodes(c, nodeId, freshAfter())
                    : table.nodesPublishing(c, streamCode).stream().filter(node -> !node.equals(nodeId)).toList();
            long created = commandTime();
            for (String target : targets) {
                table.addCommand(c, UUID.randomUUID().toString(), target, kind, argument, reason, created);
            }
            return targets;
        }
    }

    /**
     * Where a reader here gets a stream from: the live node holding the lease of its best input, when that is another
     * node and it advertises an RTMP address. Empty when the stream is published nowhere, or best here.
     */
    public Optional<ClusterOrigin> originOf(String streamCode) throws SQLException {
        try (Connection c = connection()) {
            for (ClusterTable.LeaseHolder holder : table.leaseHolders(c, streamCode, freshAfter())) {
                if (holder.node().equals(nodeId)) {
                    return Optional.empty();
                }
                if (holder.rtmpAddress() != null) {
                    return Optional.of(new ClusterOrigin(holder.node(), holder.rtmpAddress(), holder.priority()));
                }
            }
            return Optional.empty();
        }
    }

    /** The other nodes whose heartbeat is recent. */
    public List<String> otherLiveNodes() throws SQLException {
        try (Connection c = connection()) {
            return table.otherLiveNodes(c, nodeId, freshAfter());
        }
    }

    /**
     * When a command is created: the clock, but always after this node's previous command, so that a node runs two
     * commands from here in the order they were sent (a disable then an enable in the same millisecond), since it
     * takes them in order of creation.
     */
    private synchronized long commandTime() {
        lastCommandTime = Math.max(clock.millis(), lastCommandTime + 1);
        return lastCommandTime;
    }

    private long freshAfter() {
        return clock.millis() - timing.nodeTimeout().toMillis();
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** Stops the timer and removes this node's snapshot, so other nodes stop listing its sessions at once. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(timing.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = connection()) {
            table.deleteSessionsOf(c, nodeId);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "removing this node's session snapshot", e);
        }
    }
}
