package dev.inlet.embedded;

import java.util.Locale;

/**
 * A PostgreSQL or MariaDB database the run command uses instead of its H2 file ({@code INLET_DB_URL},
 * {@code INLET_DB_USER}, {@code INLET_DB_PASSWORD}): several nodes started on one such database are one cluster (shared
 * streams and keys, one publisher per input across them).
 *
 * @param url      a JDBC URL, {@code jdbc:postgresql://…} or {@code jdbc:mariadb://…}
 * @param user     may be null when the URL carries it
 * @param password may be null when the URL carries it
 */
record ExternalDatabase(String url, String user, String password) {

    ExternalDatabase {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:mariadb:")) {
            throw new IllegalArgumentException("INLET_DB_URL must be a jdbc:postgresql: or jdbc:mariadb: URL, not "
                    + redacted(url));
        }
    }

    /** The driver's DataSource class, which Payara's pool instantiates. */
    String dataSourceClass() {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:") ? "org.postgresql.ds.PGSimpleDataSource"
                : "org.mariadb.jdbc.MariaDbDataSource";
    }

    /** The URL without its query (which may hold a password), for the log and the start-up banner. */
    String displayUrl() {
        return redacted(url);
    }

    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "ExternalDatabase[" + displayUrl() + (user == null ? "" : ", user " + user) + "]";
    }
}
