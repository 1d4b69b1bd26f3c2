package dev.inlet.registry;

import dev.inlet.core.StreamKeys;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/** Puts streams and keys into a test database with plain SQL (the catalog has its own tests). */
final class Seed {

    private final DataSource dataSource;
    private final LeaseTable table = new LeaseTable(Duration.ofSeconds(5));

    Seed(DataSource dataSource) {
        this.dataSource = dataSource;
        Migrations.migrate(dataSource);
    }

    /** Registers a new random key for input {@code priority} of stream {@code code} and returns it. */
    String key(String code, int priority) throws SQLException {
        String key = StreamKeys.generate();
        try (Connection c = dataSource.getConnection()) {
            String streamId = table.ensureStream(c, code, code, System.currentTimeMillis());
            table.ensureKey(c, streamId, priority, StreamKeys.hash(key), StreamKeys.prefix(key), System.currentTimeMillis());
        }
        return key;
    }

    void setStreamEnabled(String code, boolean enabled) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE inlet_stream SET enabled = ? WHERE code = ?")) {
            st.setBoolean(1, enabled);
            st.setString(2, code);
            st.executeUpdate();
        }
    }

    int count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** "node/session" of the lease on the stream's input, if any. */
    java.util.Optional<String> holderOf(String code, int priority) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT l.node_id, l.session_id FROM inlet_publisher_lease l JOIN inlet_stream s ON s.id = l.stream_id"
                        + " WHERE s.code = ? AND l.priority = ?")) {
            st.setString(1, code);
            st.setInt(2, priority);
            try (var rs = st.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1) + "/" + rs.getString(2)) : java.util.Optional.empty();
            }
        }
    }
}
