package dev.inlet.registry;

import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The three databases the registry must work on. H2 runs in memory; PostgreSQL and MariaDB are the
 * real servers that {@code .ci/test.sh} installs and starts. A database that cannot be reached fails
 * the test (never skips it) and says how to get it.
 */
enum TestDatabase {
    H2(null, null),
    POSTGRESQL("INLET_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/inlet_test?user=inlet&password=inlet"),
    MARIADB("INLET_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/inlet_test?user=inlet&password=inlet");

    private final String urlVariable;
    private final String defaultUrl;

    TestDatabase(String urlVariable, String defaultUrl) {
        this.urlVariable = urlVariable;
        this.defaultUrl = defaultUrl;
    }

    /** A data source on an empty schema: a new in-memory H2 database, or the server's test database emptied. */
    DataSource emptyDatabase() {
        DataSource dataSource = dataSource();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS inlet_blocked_address, inlet_node_command, inlet_node_session, inlet_node, inlet_relay_target, inlet_recording_policy, inlet_recording, inlet_publisher_lease, inlet_stream_key, inlet_stream, inlet_schema_history");
        } catch (SQLException e) {
            throw new AssertionError(this + " is not reachable at " + publicUrl() + " (" + e.getMessage() + ")."
                    + " Run the test command, .ci/test.sh, which installs and starts the test databases,"
                    + " or set " + urlVariable + " to a JDBC URL of a database the tests may empty.", e);
        }
        return dataSource;
    }

    DataSource dataSource() {
        return switch (this) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:inlet-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                yield h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(url());
                pg.setConnectTimeout(5);
                yield pg;
            }
            case MARIADB -> {
                try {
                    yield new MariaDbDataSource(url());
                } catch (SQLException e) {
                    throw new AssertionError("bad MariaDB URL " + publicUrl(), e);
                }
            }
        };
    }

    /** A data source of the same kind whose server is gone: every connection attempt is refused. */
    static DataSource deadPostgres(int closedPort) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/inlet_test?user=inlet&password=inlet");
        pg.setConnectTimeout(2);
        return pg;
    }

    private String url() {
        String configured = urlVariable == null ? null : System.getenv(urlVariable);
        return configured == null || configured.isBlank() ? defaultUrl : configured;
    }

    private String publicUrl() {
        String url = url();
        return url == null ? "memory" : url.replaceAll("password=[^&]*", "password=…");
    }
}
