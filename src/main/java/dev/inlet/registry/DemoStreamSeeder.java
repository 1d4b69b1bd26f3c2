package dev.inlet.registry;

import dev.inlet.ingest.RtmpSettings;
import dev.inlet.core.StreamKeys;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Registers the demo stream ({@link RtmpSettings#DEMO_STREAM}) and the configured demo key for its first
 * input, so a fresh install can publish at once. Only the key's hash is stored. Idempotent and safe when
 * several nodes start together: an existing stream or key is left as it is.
 */
public final class DemoStreamSeeder implements DatabaseSetup {

    private final String demoKey;
    private final Clock clock;
    private final LeaseTable table;

    public DemoStreamSeeder(String demoKey, Clock clock, Duration queryTimeout) {
        this.demoKey = demoKey;
        this.clock = clock;
        this.table = new LeaseTable(queryTimeout);
    }

    @Override
    public void prepare(DataSource dataSource) throws SQLException {
        try (Connection c = LeaseTable.autoCommitConnection(dataSource)) {
            long now = clock.millis();
            String streamId = table.ensureStream(c, RtmpSettings.DEMO_STREAM, "Demo", now);
            table.ensureKey(c, streamId, 1, StreamKeys.hash(demoKey), StreamKeys.prefix(demoKey), now);
        }
    }
}
