package dev.inlet.registry;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What has to be in the database before the registry serves a publish: the schema, and whatever rows a
 * deployment wants there from the start (the demo stream). The registry runs it at start and, while the
 * database cannot be reached, again every heartbeat period until it succeeds, so every step must be
 * idempotent and safe when several nodes run it at once.
 */
@FunctionalInterface
public interface DatabaseSetup {

    void prepare(DataSource dataSource) throws SQLException;

    /** This step, then {@code next}. */
    default DatabaseSetup andThen(DatabaseSetup next) {
        return dataSource -> {
            prepare(dataSource);
            next.prepare(dataSource);
        };
    }

    /** Brings the schema up to date with the Flyway scripts in {@link Migrations}. */
    static DatabaseSetup schema() {
        return dataSource -> {
            int applied = Migrations.migrate(dataSource);
            Logger.getLogger(DatabaseSetup.class.getName()).log(Level.INFO,
                    "stream registry schema up to date ({0} migration(s) applied)", applied);
        };
    }
}
