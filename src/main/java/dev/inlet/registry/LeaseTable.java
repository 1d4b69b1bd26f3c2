package dev.inlet.registry;

import dev.inlet.core.StreamEncryption;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of the publish hot path: key look-up and the lease table. Plain JDBC, one statement per
 * step in auto-commit mode, portable across H2, PostgreSQL and MariaDB. Exclusivity comes from the
 * lease table's primary key (insert) and from compare-and-set updates (takeover), never from a lock
 * held in Java, so it holds across nodes sharing the database.
 */
final class LeaseTable {

    /** A key as the publish path needs it. */
    record KeyRow(long keyId, String streamId, String streamCode, boolean streamEnabled, int priority,
                  String keyHash, boolean keyEnabled) {
    }

    /** A lease row as last read. */
    record LeaseRow(String streamId, int priority, String nodeId, String sessionId, long heartbeatAt) {
    }

    private final int queryTimeoutSeconds;

    LeaseTable(Duration queryTimeout) {
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    Optional<KeyRow> findKey(Connection c, String keyHash) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT k.id, k.stream_id, s.code, s.enabled, k.priority, k.key_hash,"
                + " k.enabled FROM inlet_stream_key k JOIN inlet_stream s ON s.id = k.stream_id WHERE k.key_hash = ?")) {
            st.setString(1, keyHash);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new KeyRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getInt(5), rs.getString(6), rs.getBoolean(7)));
            }
        }
    }

    /** Whether the stream's readers need a play token; false for a stream that does not exist. */
    boolean isPlaybackPrivate(Connection c, String streamCode) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT private_playback FROM inlet_stream WHERE code = ?")) {
            st.setString(1, streamCode);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The stream's own SRT encryption; the server's when it has none or does not exist. */
    StreamEncryption streamEncryption(Connection c, String streamCode) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT srt_passphrase FROM inlet_stream WHERE code = ?")) {
            st.setString(1, streamCode);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return StreamEncryption.SERVER_DEFAULT;
                }
                return new StreamEncryption(Optional.ofNullable(rs.getString(1)));
            }
        }
    }

    /** Claims a free slot; false when the slot already has a lease (the primary key says so). */
    boolean insertLease(Connection c, String streamId, int priority, String nodeId, String sessionId,
                        String keyPrefix, String remoteAddress, long now) throws SQLException {
        try (PreparedStatement st = prepare(c, "INSERT INTO inlet_publisher_lease (stream_id, priority, node_id,"
                + " session_id, key_prefix, remote_address, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, streamId);
            st.setInt(2, priority);
            st.setString(3, nodeId);
            st.setString(4, sessionId);
            st.setString(5, keyPrefix);
            setNullableString(st, 6, remoteAddress);
            st.setLong(7, now);
            st.setLong(8, now);
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    Optional<LeaseRow> findLease(Connection c, String streamId, int priority) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT node_id, session_id, heartbeat_at FROM inlet_publisher_lease"
                + " WHERE stream_id = ? AND priority = ?")) {
            st.setString(1, streamId);
            st.setInt(2, priority);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new LeaseRow(streamId, priority, rs.getString(1), rs.getString(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /** Replaces {@code observed} with a new holder, only if the row is still exactly as observed. */
    boolean replaceLease(Connection c, LeaseRow observed, String nodeId, String sessionId, String keyPrefix,
                         String remoteAddress, long now) throws SQLException {
        try (PreparedStatement st = prepare(c, "UPDATE inlet_publisher_lease SET node_id = ?, session_id = ?,"
                + " key_prefix = ?, remote_address = ?, acquired_at = ?, heartbeat_at = ?"
                + " WHERE stream_id = ? AND priority = ? AND node_id = ? AND session_id = ? AND heartbeat_at = ?")) {
            st.setString(1, nodeId);
            st.setString(2, sessionId);
            st.setString(3, keyPrefix);
            setNullableString(st, 4, remoteAddress);
            st.setLong(5, now);
            st.setLong(6, now);
            st.setString(7, observed.streamId());
            st.setInt(8, observed.priority());
            st.setString(9, observed.nodeId());
            st.setString(10, observed.sessionId());
            st.setLong(11, observed.heartbeatAt());
            return st.executeUpdate() == 1;
        }
    }

    int deleteLease(Connection c, String streamId, int priority, String nodeId, String sessionId) throws SQLException {
        try (PreparedStatement st = prepare(c, "DELETE FROM inlet_publisher_lease"
                + " WHERE stream_id = ? AND priority = ? AND node_id = ? AND session_id = ?")) {
            st.setString(1, streamId);
            st.setInt(2, priority);
            st.setString(3, nodeId);
            st.setString(4, sessionId);
            return st.executeUpdate();
        }
    }

    /** Refreshes every lease of the node in one statement. */
    int heartbeat(Connection c, String nodeId, long now) throws SQLException {
        try (PreparedStatement st = prepare(c, "UPDATE inlet_publisher_lease SET heartbeat_at = ? WHERE node_id = ?")) {
            st.setLong(1, now);
            st.setString(2, nodeId);
            return st.executeUpdate();
        }
    }

    List<LeaseRow> leasesOf(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT stream_id, priority, session_id, heartbeat_at"
                + " FROM inlet_publisher_lease WHERE node_id = ?")) {
            st.setString(1, nodeId);
            try (ResultSet rs = st.executeQuery()) {
                List<LeaseRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new LeaseRow(rs.getString(1), rs.getInt(2), nodeId, rs.getString(3), rs.getLong(4)));
                }
                return rows;
            }
        }
    }

    int deleteLeasesOf(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement st = prepare(c, "DELETE FROM inlet_publisher_lease WHERE node_id = ?")) {
            st.setString(1, nodeId);
            return st.executeUpdate();
        }
    }

    void markKeyUsed(Connection c, long keyId, long now, String remoteAddress) throws SQLException {
        try (PreparedStatement st = prepare(c, "UPDATE inlet_stream_key SET last_used_at = ?, last_remote_address = ?"
                + " WHERE id = ?")) {
            st.setLong(1, now);
            setNullableString(st, 2, remoteAddress == null ? null : truncate(remoteAddress, 100));
            st.setLong(3, keyId);
            st.executeUpdate();
        }
    }

    /** The id of stream {@code code}, creating it when absent; safe when several nodes do it at once. */
    String ensureStream(Connection c, String code, String displayName, long now) throws SQLException {
        Optional<String> existing = streamId(c, code);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (PreparedStatement st = prepare(c, "INSERT INTO inlet_stream (id, code, display_name, enabled, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, UUID.randomUUID().toString());
            st.setString(2, code);
            st.setString(3, displayName);
            st.setBoolean(4, true);
            st.setLong(5, now);
            st.executeUpdate();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
        return streamId(c, code).orElseThrow(() -> new SQLException("stream " + code + " vanished while created"));
    }

    /** Registers a key hash for the stream's input {@code priority} unless that hash is known already. */
    void ensureKey(Connection c, String streamId, int priority, String keyHash, String keyPrefix, long now)
            throws SQLException {
        if (findKey(c, keyHash).isPresent()) {
            return;
        }
        try (PreparedStatement st = prepare(c, "INSERT INTO inlet_stream_key (id, stream_id, priority, key_hash,"
                + " key_prefix, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1L << 53));
            st.setString(2, streamId);
            st.setInt(3, priority);
            st.setString(4, keyHash);
            st.setString(5, keyPrefix);
            st.setBoolean(6, true);
            st.setLong(7, now);
            st.executeUpdate();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private Optional<String> streamId(Connection c, String code) throws SQLException {
        try (PreparedStatement st = prepare(c, "SELECT id FROM inlet_stream WHERE code = ?")) {
            st.setString(1, code);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * A connection in auto-commit mode: every statement here stands alone. A container's pooled connection
     * may come with auto-commit off.
     */
    static Connection autoCommitConnection(DataSource dataSource) throws SQLException {
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

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        st.setQueryTimeout(queryTimeoutSeconds);
        return st;
    }

    private static void setNullableString(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, truncate(value, 100));
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** A unique or primary key violation: SQLSTATE 23505 (H2, PostgreSQL), MariaDB/MySQL error 1062. */
    static boolean isDuplicateKey(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState()) || s.getErrorCode() == 1062) {
                return true;
            }
        }
        return false;
    }
}
