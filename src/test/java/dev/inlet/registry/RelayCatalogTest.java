package dev.inlet.registry;

import dev.inlet.core.StreamNotFoundException;
import dev.inlet.relay.KeySeal;
import dev.inlet.relay.RelayTarget;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Relay targets through JPA on H2, PostgreSQL and MariaDB: their keys stored only sealed. */
class RelayCatalogTest {

    private static final String KEY = "live_123456789_SecretStreamKey";
    private EntityManagerFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void targetsRoundTripWithTheirKeySealed(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Migrations.migrate(dataSource);
        factory = Persistence.createEntityManagerFactory("inlet-test", Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        ResourceLocalCatalogTransactions transactions = new ResourceLocalCatalogTransactions(factory);
        DatabaseStreamCatalog streams = new DatabaseStreamCatalog(transactions);
        KeySeal seal = KeySeal.of(KeySeal.newSecret());
        DatabaseRelayCatalog catalog = new DatabaseRelayCatalog(transactions, seal);
        streams.createStream("news", null);

        RelayTarget target = new RelayTarget("00000000-0000-0000-0000-00000000000a", "news",
                "rtmp://a.rtmp.youtube.com:1935/live2", KEY, RelayTarget.prefixOf(KEY), true, Instant.ofEpochMilli(1_000));
        catalog.add(target);
        assertThat(catalog.targets("news")).containsExactly(target);
        assertThat(catalog.find("news", target.id())).contains(target);
        assertThat(catalog.find("other", target.id())).isEmpty();
        try (Connection c = dataSource.getConnection(); ResultSet row = c.createStatement()
                .executeQuery("SELECT key_sealed, key_prefix FROM inlet_relay_target")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).doesNotContain(KEY).doesNotContain("SecretStreamKey");
            assertThat(row.getString(2)).isEqualTo("live");
        }
        DatabaseRelayCatalog otherSecret = new DatabaseRelayCatalog(transactions, KeySeal.of(KeySeal.newSecret()));
        assertThatThrownBy(() -> otherSecret.targets("news")).isInstanceOf(IllegalArgumentException.class);

        assertThat(catalog.setEnabled("news", target.id(), false)).map(RelayTarget::enabled).contains(false);
        assertThat(catalog.find("news", target.id())).map(RelayTarget::enabled).contains(false);
        assertThatThrownBy(() -> catalog.targets("nope")).isInstanceOf(StreamNotFoundException.class);
        assertThatThrownBy(() -> catalog.add(new RelayTarget("00000000-0000-0000-0000-00000000000b", "nope",
                "rtmp://h:1935/a", "k", "k", true, Instant.now()))).isInstanceOf(StreamNotFoundException.class);
        assertThat(catalog.remove("news", target.id())).isTrue();
        assertThat(catalog.remove("news", target.id())).isFalse();

        catalog.add(target);
        assertThat(streams.deleteStream("news")).isTrue();
        streams.createStream("news", null);
        assertThat(catalog.targets("news")).as("removed with their stream").isEmpty();
    }
}
