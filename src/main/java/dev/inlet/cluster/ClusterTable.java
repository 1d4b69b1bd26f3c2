package dev.inlet.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the control plane (tables of V6): node heartbeats, session snapshots and commands. Plain JDBC in
 * auto-commit mode, portable across H2, PostgreSQL and MariaDB, like the lease table.
 */
final class ClusterTable {

    private final int queryTimeoutSeconds;

    ClusterTable(Duration queryTimeout) {
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    /** Writes this node's heartbeat and RTMP address (an update, or the first insert). */
    void heartbeat(Connection c, String node, long now, String rtmpAddress) throws SQLException {
        try (PreparedStatement update = prepare(c, "UPDATE inlet_node SET heartbeat_at = ?, rtmp_address = ?"
                + " WHERE node_id = ?")) {
            update.setLong(1, now);
            setNullable(update, 2, rtmpAddress);
            update.setString(3, node);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = prepare(c, "INSERT INTO inlet_node (node_id, heartbeat_at, rtmp_address)"
                + " VALUES (?, ?, ?)")) {
            insert.setString(1, node);
            insert.setLong(2, now);
            setNullable(insert, 3, rtmpAddress);
            insert.executeUpdate();
        } catch (SQLException raced) {
            // another start of the same node id inserted it first: its row is there, which is all that matters
        }
    }

    /** A node holding a lease of one of a stream's inputs, with the address it advertises (may be null). */
    record LeaseHolder(String node, int priority, String rtmpAddress) {
    }

    /** The nodes with a recent heartbeat that hold a lease of the stream's inputs, best priority first. */
    List<LeaseHolder> leaseHolders(Connection c, String streamCode, long freshAfter) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT l.node_id, l.priority, n.rtmp_address"
                + " FROM inlet_publisher_lease l JOIN inlet_stream s ON s.id = l.stream_id"
                + " JOIN inlet_node n ON n.node_id = l.node_id"
                + " WHERE s.code = ? AND n.heartbeat_at >= ? ORDER BY l.priority")) {
            st.setString(1, streamCode);
            st.setLong(2, freshAfter);
            List<LeaseHolder> holders = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    holders.add(new LeaseHolder(rs.getString(1), rs.getInt(2), rs.getString(3)));
                }
            }
            return holders;
        }
    }

    /** Nodes other than {@code node} whose heartbeat is not older than {@code freshAfter}. */
    List<String> otherLiveNodes(Connection c, String node, long freshAfter) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT node_id FROM inlet_node WHERE node_id <> ? AND heartbeat_at >= ?")) {
            st.setString(1, node);
            st.setLong(2, freshAfter);
            return firstColumn(st);
        }
    }

    /** Replaces the node's snapshot by {@code sessions}. */
    void replaceSessions(Connection c, String node, List<ClusterSession> sessions) throws SQLException {
        deleteSessionsOf(c, node);
        if (sessions.isEmpty()) {
            return;
        }
        try (PreparedStatement st = prepare(c, "INSERT INTO inlet_node_session (node_id, session_id, role, stream_code,"
                + " protocol, remote_address, priority, key_prefix, started_at, bytes, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ClusterSession s : sessions) {
                st.setString(1, node);
                st.setString(2, s.sessionId());
                st.setString(3, s.role().name());
                st.setString(4, s.streamCode());
                st.setString(5, s.protocol());
                st.setString(6, s.remoteAddress());
                st.setInt(7, s.priority());
                setNullable(st, 8, s.keyPrefix());
                st.setLong(9, s.startedAt());
                st.setLong(10, s.bytes());
                st.setLong(11, s.updatedAt());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    void deleteSessionsOf(Connection c, String node) throws SQLException {
        try (PreparedStatement st = prepare(c, "DELETE FROM inlet_node_session WHERE node_id = ?")) {
            st.setString(1, node);
            st.executeUpdate();
        }
    }

    /** Sessions of nodes other than {@code node} written since {@code freshAfter}. */
    List<ClusterSession> sessionsOfOtherNodes(Connection c, String node, long freshAfter) throws SQLException {
        return sessions(c, "node_id <> ? AND updated_at >= ?", node, freshAfter);
    }

    /** The node a fresh session lives on, if any other node has it. */
    Optional<String> nodeOfSession(Connection c, String node, String sessionId, long freshAfter) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT node_id FROM inlet_node_session WHERE session_id = ?"
                + " AND node_id <> ? AND updated_at >= ?")) {
            st.setString(1, sessionId);
            st.setString(2, node);
            st.setLong(3, freshAfter);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void addCommand(Connection c, String id, String targetNode, ClusterCommand.Kind kind, String argument,
                    String reason, long now) throws SQLException {
        try (PreparedStatement st = prepare(c, "INSERT INTO inlet_node_command (id, target_node, kind, argument,"
                + " reason, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, targetNode);
            st.setString(3, kind.name());
            st.setString(4, argument);
            st.setString(5, reason);
            st.setLong(6, now);
            st.executeUpdate();
        }
    }

    /**
     * The node's pending commands, oldest first, each deleted as it is taken: a command runs at most once (a delete
     * that removed nothing means another take of the same node id had it).
     */
    List<ClusterCommand> takeCommands(Connection c, String node) throws SQLException {
        List<ClusterCommand> pending = new ArrayList<>();
        try (PreparedStatement st = prepare(c, "SELECT id, kind, argument, reason FROM inlet_node_command"
                + " WHERE target_node = ? ORDER BY created_at, id")) {
            st.setString(1, node);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pending.add(new ClusterCommand(rs.getString(1), ClusterCommand.Kind.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<ClusterCommand> taken = new ArrayList<>();
        try (PreparedStatement delete = prepare(c, "DELETE FROM inlet_node_command WHERE id = ?")) {
            for (ClusterCommand command : pending) {
                delete.setString(1, command.id());
                if (delete.executeUpdate() > 0) {
                    taken.add(command);
                }
            }
        }
        return taken;
    }

    /** Commands older than {@code before} (for a node that never came back): dropped. */
    int deleteCommandsBefore(Connection c, long before) throws SQLException {
        try (PreparedStatement st = prepare(c, "DELETE FROM inlet_node_command WHERE created_at < ?")) {
            st.setLong(1, before);
            return st.executeUpdate();
        }
    }

    /** Nodes holding a lease of an input of the stream, that is, where its publishers are. */
    List<String> nodesPublishing(Connection c, String streamCode) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT DISTINCT l.node_id FROM inlet_publisher_lease l"
                + " JOIN inlet_stream s ON s.id = l.stream_id WHERE s.code = ?")) {
            st.setString(1, streamCode);
            return firstColumn(st);
        }
    }

    /** Records a block (a longer one already there is kept). */
    void upsertBlock(Connection c, String address, long until, int blocks, String node) throws SQLException {
        try (PreparedStatement update = prepare(c, "UPDATE inlet_blocked_address SET blocked_until = ?, blocks = ?,"
                + " node_id = ? WHERE address = ? AND blocked_until < ?")) {
            update.setLong(1, until);
            update.setInt(2, blocks);
            update.setString(3, node);
            update.setString(4, address);
            update.setLong(5, until);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = prepare(c, "INSERT INTO inlet_blocked_address (address, blocked_until, blocks,"
                + " node_id) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, address);
            insert.setLong(2, until);
            insert.setInt(3, blocks);
            insert.setString(4, node);
            insert.executeUpdate();
        } catch (SQLException exists) {
            // a row as long or longer is there already (or another node inserted it first): it stands
        }
    }

    /** Blocks still running at {@code now}: address, until (epoch ms), blocks. */
    List<SharedBlock> activeBlocks(Connection c, long now) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT address, blocked_until, blocks, node_id FROM inlet_blocked_address"
                + " WHERE blocked_until > ?")) {
            st.setLong(1, now);
            List<SharedBlock> blocks = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    blocks.add(new SharedBlock(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4)));
                }
            }
            return blocks;
        }
    }

    /** Removes the address's block (unblocked), and expired blocks. @return whether the address had one */
    boolean deleteBlock(Connection c, String address, long now) throws SQLException {
        boolean had;
        try (PreparedStatement st = prepare(c, "DELETE FROM inlet_blocked_address WHERE address = ?")) {
            st.setString(1, address);
            had = st.executeUpdate() > 0;
        }
        try (PreparedStatement expired = prepare(c, "DELETE FROM inlet_blocked_address WHERE blocked_until <= ?")) {
            expired.setLong(1, now);
            expired.executeUpdate();
        }
        return had;
    }

    private List<ClusterSession> sessions(Connection c, String where, String node, long freshAfter) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT node_id, session_id, role, stream_code, protocol, remote_address,"
                + " priority, key_prefix, started_at, bytes, updated_at FROM inlet_node_session WHERE " + where
                + " ORDER BY node_id, started_at")) {
            st.setString(1, node);
            st.setLong(2, freshAfter);
            List<ClusterSession> sessions = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new ClusterSession(rs.getString(1), rs.getString(2),
                            ClusterSession.Role.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                            rs.getLong(11)));
                }
            }
            return sessions;
        }
    }

    private static List<String> firstColumn(PreparedStatement st) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void setNullable(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        st.setQueryTimeout(queryTimeoutSeconds);
        return st;
    }
}
