package dev.inlet.registry;

import dev.inlet.ingest.Lease;
import dev.inlet.ingest.StreamKeys;
import dev.inlet.ingest.StreamSlot;
import dev.inlet.ingest.UnknownStreamKeyException;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The administrators' catalog through JPA (EclipseLink, resource-local), with the registry on the same tables. */
class StreamCatalogTest {

    private EntityManagerFactory factory;
    private DatabaseRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        if (factory != null) {
            factory.close();
        }
    }

    private StreamCatalog catalog(DataSource dataSource) {
        Migrations.migrate(dataSource);
        factory = Persistence.createEntityManagerFactory("inlet-test",
                Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        registry = new DatabaseRegistry(dataSource, RegistrySettings.defaults().withNodeId("catalog-test"),
                Executors.defaultThreadFactory(), Optional.empty());
        registry.start();
        return new StreamCatalog(new ResourceLocalCatalogTransactions(factory));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void streamsRoundTrip(TestDatabase database) {
        StreamCatalog catalog = catalog(database.emptyDatabase());

        StreamInfo created = catalog.createStream("news-1", "Evening news");
        catalog.createStream("alpha", null);

        assertThat(created.enabled()).isTrue();
        assertThat(catalog.findStream("news-1")).contains(created);
        assertThat(catalog.listStreams()).extracting(StreamInfo::code).containsExactly("alpha", "news-1");
        assertThat(catalog.findStream("alpha").orElseThrow().displayName()).isEqualTo("alpha");

        StreamInfo renamed = catalog.updateStream("news-1", "Late news", null);
        assertThat(renamed.displayName()).isEqualTo("Late news");
        assertThat(renamed.enabled()).isTrue();
        StreamInfo disabled = catalog.updateStream("news-1", null, false);
        assertThat(disabled.displayName()).isEqualTo("Late news");
        assertThat(catalog.findStream("news-1").orElseThrow().enabled()).isFalse();
        assertThat(catalog.findStream("news-1").orElseThrow().created()).isEqualTo(created.created());

        assertThat(catalog.deleteStream("alpha")).isTrue();
        assertThat(catalog.deleteStream("alpha")).isFalse();
        assertThat(catalog.findStream("alpha")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void invalidAndDuplicateStreamsAreRefused(TestDatabase database) {
        StreamCatalog catalog = catalog(database.emptyDatabase());
        catalog.createStream("news", "News");

        assertThatThrownBy(() -> catalog.createStream("news", "Again"))
                .isInstanceOfSatisfying(CatalogException.class,
                        e -> assertThat(e.problem()).isEqualTo(CatalogException.Problem.CONFLICT));
        for (String bad : new String[]{"", "a b", "a/b", "x".repeat(65), "é"}) {
            assertThatThrownBy(() -> catalog.createStream(bad, null))
                    .isInstanceOfSatisfying(CatalogException.class,
                            e -> assertThat(e.problem()).isEqualTo(CatalogException.Problem.INVALID));
        }
        assertThatThrownBy(() -> catalog.updateStream("missing", "x", null))
                .isInstanceOfSatisfying(CatalogException.class,
                        e -> assertThat(e.problem()).isEqualTo(CatalogException.Problem.NOT_FOUND));
        assertThatThrownBy(() -> catalog.createKey("news", 0)).isInstanceOf(CatalogException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keysAreShownOnceStoredAsHashesAndWorkForPublishing(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        StreamCatalog catalog = catalog(dataSource);
        catalog.createStream("news", "News");

        IssuedKey primary = catalog.createKey("news", 1);
        IssuedKey backup = catalog.createKey("news", 2);

        assertThat(primary.info().prefix()).isEqualTo(StreamKeys.prefix(primary.key()));
        assertThat(primary.toString()).doesNotContain(primary.key());
        assertThat(storedKeyColumns(dataSource)).contains(StreamKeys.hash(primary.key()), StreamKeys.hash(backup.key()))
                .noneMatch(value -> value.contains(primary.key()) || value.contains(backup.key()));
        assertThat(catalog.listKeys("news")).extracting(KeyInfo::priority).containsExactly(1, 2);
        assertThat(catalog.listKeys("news").get(0).lastUsed()).isNull();

        Lease lease = registry.acquire(primary.key(), "s1", "10.1.2.3:4567");
        assertThat(lease.slot()).isEqualTo(new StreamSlot("news", 1));
        assertThat(registry.acquire(backup.key(), "s2", null).slot()).isEqualTo(new StreamSlot("news", 2));
        KeyInfo used = catalog.listKeys("news").get(0);
        assertThat(used.lastUsed()).isNotNull();
        assertThat(used.lastRemoteAddress()).isEqualTo("10.1.2.3:4567");
        assertThat(catalog.listLeases("news")).extracting(LeaseInfo::priority, LeaseInfo::sessionId, LeaseInfo::nodeId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "s1", "catalog-test"),
                        org.assertj.core.groups.Tuple.tuple(2, "s2", "catalog-test"));
        registry.release(lease);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void revokedAndRotatedKeysStopWorking(TestDatabase database) throws Exception {
        StreamCatalog catalog = catalog(database.emptyDatabase());
        catalog.createStream("news", "News");
        IssuedKey revoked = catalog.createKey("news", 1);
        IssuedKey rotated = catalog.createKey("news", 2);

        assertThat(catalog.revokeKey("news", revoked.info().id()).enabled()).isFalse();
        IssuedKey replacement = catalog.rotateKey("news", rotated.info().id());

        assertThatThrownBy(() -> registry.acquire(revoked.key(), "s1", null)).isInstanceOf(UnknownStreamKeyException.class);
        assertThatThrownBy(() -> registry.acquire(rotated.key(), "s2", null)).isInstanceOf(UnknownStreamKeyException.class);
        assertThat(replacement.info().priority()).isEqualTo(2);
        assertThat(registry.acquire(replacement.key(), "s3", null).slot()).isEqualTo(new StreamSlot("news", 2));
        assertThat(catalog.listKeys("news")).extracting(KeyInfo::enabled).containsExactlyInAnyOrder(false, false, true);
        assertThatThrownBy(() -> catalog.revokeKey("other", replacement.info().id()))
                .isInstanceOf(CatalogException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletingAStreamDeletesItsKeysAndLeases(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        StreamCatalog catalog = catalog(dataSource);
        catalog.createStream("news", "News");
        IssuedKey key = catalog.createKey("news", 1);
        registry.acquire(key.key(), "s1", null);

        assertThat(catalog.deleteStream("news")).isTrue();

        Seed seed = new Seed(dataSource);
        assertThat(seed.count("inlet_stream_key")).isZero();
        assertThat(seed.count("inlet_publisher_lease")).isZero();
        assertThatThrownBy(() -> registry.acquire(key.key(), "s2", null)).isInstanceOf(UnknownStreamKeyException.class);
    }

    private static List<String> storedKeyColumns(DataSource dataSource) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT key_hash, key_prefix FROM inlet_stream_key")) {
            while (rs.next()) {
                values.add(rs.getString(1));
                values.add(rs.getString(2));
            }
        }
        return values;
    }
}
