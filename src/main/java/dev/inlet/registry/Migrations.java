package dev.inlet.registry;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Brings the registry's schema up to date with Flyway. The migration scripts are listed here rather
 * than discovered by scanning the class path, because class path scanning depends on how each
 * application server exposes an EAR's jars (WildFly's VFS, Payara's class loaders); a listed
 * resource is found the same way everywhere.
 */
public final class Migrations {

    /** Every script under {@code db/migration}, in order. A test checks that none is missing. */
    static final List<String> SCRIPTS = List.of("V1__streams_keys_leases.sql",
            "V2__stream_private_playback.sql",
            "V3__stream_srt_passphrase.sql", "V4__recordings.sql", "V5__relay_targets.sql",
            "V6__cluster_sessions_commands.sql", "V7__node_rtmp_address.sql");

    static final String LOCATION = "db/migration";
    static final String HISTORY_TABLE = "inlet_schema_history";

    private Migrations() {
    }

    /** Applies the pending migrations; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        ClassLoader loader = Migrations.class.getClassLoader();
        Flyway flyway = Flyway.configure(loader)
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(new ListedScripts(loader))
                .javaMigrationClassProvider(List::of)
                .load();
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** Serves the scripts named in {@link #SCRIPTS} from the class path. */
    private record ListedScripts(ClassLoader loader) implements ResourceProvider {

        @Override
        public LoadableResource getResource(String name) {
            return SCRIPTS.contains(name) ? new Script(loader, name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return SCRIPTS.stream()
                    .filter(name -> name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith))
                    .map(name -> (LoadableResource) new Script(loader, name))
                    .toList();
        }
    }

    private static final class Script extends LoadableResource {
        private final ClassLoader loader;
        private final String name;

        Script(ClassLoader loader, String name) {
            this.loader = loader;
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = loader.getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new UncheckedIOException(new java.io.FileNotFoundException(getAbsolutePath()));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
