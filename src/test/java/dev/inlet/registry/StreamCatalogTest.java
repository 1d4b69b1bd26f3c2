package dev.inlet.registry;

import dev.inlet.core.CatalogException;
import dev.inlet.core.CreatedKey;
import dev.inlet.core.KeyRecord;
import dev.inlet.core.Lease;
import dev.inlet.core.StreamEncryption;
import dev.inlet.core.StreamKeys;
import dev.inlet.core.StreamRecord;
import dev.inlet.core.StreamSlot;
import dev.inlet.core.UnknownStreamKeyException;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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

    private DatabaseStreamCatalog catalog(DataSource dataSource) {
        Migrations.migrate(dataSource);
        factory = Persistence.createEntityManagerFactory("inlet-test",
                Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        registry = new DatabaseRegistry(dataSource, RegistrySettings.defaults().withNodeId("catalog-test"),
                Executors.defaultThreadFactory(), Clock.systemUTC(), DatabaseSetup.schema());
        registry.start();
        return new DatabaseStreamCatalog(new ResourceLocalCatalogTransactions(factory));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void streamsRoundTrip(TestDatabase database) throws Exception {
        DatabaseStreamCatalog catalog = catalog(database.emptyDatabase());

        StreamRecord created = catalog.createStream("news-1", "Evening news");
        catalog.createStream("alpha", null);

        assertThat(created.enabled()).isTrue();
        assertThat(catalog.stream("news-1")).contains(created);
        assertThat(catalog.streams()).extracting(StreamRecord::code).containsExactly("alpha", "news-1");
        assertThat(catalog.stream("alpha").orElseThrow().displayName()).isEqualTo("alpha");

        StreamRecord renamed = catalog.updateStream("news-1", "Late news", null);
        assertThat(renamed.displayName()).isEqualTo("Late news");
        assertThat(renamed.enabled()).isTrue();
        StreamRecord disabled = catalog.updateStream("news-1", null, false);
        assertThat(disabled.displayName()).isEqualTo("Late news");
        assertThat(catalog.stream("news-1").orElseThrow().enabled()).isFalse();
        assertThat(catalog.stream("news-1").orElseThrow().created()).isEqualTo(created.created());

        // privacy: stored by the catalog (JPA), read by the registry's plain JDBC on the stream core's threads
        assertThat(registry.isPlaybackPrivate("news-1")).isFalse();
        StreamRecord made = catalog.updateStream("news-1", null, null, true);
        assertThat(made.privatePlayback()).isTrue();
        assertThat(made.displayName()).isEqualTo("Late news");
        assertThat(registry.isPlaybackPrivate("news-1")).isTrue();
        assertThat(registry.isPlaybackPrivate("no-such-stream")).isFalse();
        assertThat(catalog.updateStream("news-1", null, null, false).privatePlayback()).isFalse();
        assertThat(registry.isPlaybackPrivate("news-1")).isFalse();

        assertThat(catalog.deleteStream("alpha")).isTrue();
        assertThat(catalog.deleteStream("alpha")).isFalse();
        assertThat(catalog.stream("alpha")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStreamsSrtPassphraseIsStoredByTheCatalogAndReadByTheRegistryButNeverListed(TestDatabase database)
            throws Exception {
        DatabaseStreamCatalog catalog = catalog(database.emptyDatabase());
        catalog.createStream("news", "News");
        assertThat(registry.streamEncryption("news")).isEqualTo(StreamEncryption.SERVER_DEFAULT);

        StreamRecord secured = catalog.updateSrtPassphrase("news", "a-passphrase-of-the-stream");

        assertThat(secured.srtPassphraseSet()).isTrue();
        assertThat(catalog.stream("news").orElseThrow().srtPassphraseSet()).isTrue();
        assertThat(secured.toString()).doesNotContain("a-passphrase-of-the-stream");
        assertThat(registry.streamEncryption("news").passphrase()).contains("a-passphrase-of-the-stream");
        assertThat(registry.streamEncryption("no-such-stream")).isEqualTo(StreamEncryption.SERVER_DEFAULT);
        assertThatThrownBy(() -> catalog.updateSrtPassphrase("news", "short"))
                .isInstanceOf(CatalogException.Invalid.class).hasMessageContaining("10 to 79");
        assertThatThrownBy(() -> catalog.updateSrtPassphrase("nothing", "a-passphrase-of-the-stream"))
                .isInstanceOf(CatalogException.NotFound.class);

        assertThat(catalog.updateSrtPassphrase("news", "").srtPassphraseSet()).isFalse();
        assertThat(registry.streamEncryption("news")).isEqualTo(StreamEncryption.SERVER_DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void invalidAndDuplicateStreamsAreRefused(TestDatabase database) throws Exception {
        DatabaseStreamCatalog catalog = catalog(database.emptyDatabase());
        catalog.createStream("news", "News");

        assertThatThrownBy(() -> catalog.createStream("news", "Again"))
                .isInstanceOf(CatalogException.Conflict.class);
        for (String bad : new String[]{"", "a b", "a/b", "x".repeat(65), "é"}) {
            assertThatThrownBy(() -> catalog.createStream(bad, null))
                    .isInstanceOf(CatalogException.Invalid.class);
        }
        assertThatThrownBy(() -> catalog.updateStream("missing", "x", null))
                .isInstanceOf(CatalogException.NotFound.class);
        assertThatThrownBy(() -> catalog.createKey("news", 0)).isInstanceOf(CatalogException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keysAreShownOnceStoredAsHashesAndWorkForPublishing(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        DatabaseStreamCatalog catalog = catalog(dataSource);
        catalog.createStream("news", "News");

        CreatedKey primary = catalog.createKey("news", 1);
        CreatedKey backup = catalog.createKey("news", 2);

        assertThat(primary.key().prefix()).isEqualTo(StreamKeys.prefix(primary.plaintext()));
        assertThat(primary.toString()).doesNotContain(primary.plaintext());
        assertThat(storedKeyColumns(dataSource)).contains(StreamKeys.hash(primary.plaintext()), StreamKeys.hash(backup.plaintext()))
                .noneMatch(value -> value.contains(primary.plaintext()) || value.contains(backup.plaintext()));
        assertThat(catalog.keys("news")).extracting(KeyRecord::priority).containsExactly(1, 2);
        assertThat(catalog.keys("news").get(0).lastUsed()).isNull();

        Lease lease = registry.acquire(primary.plaintext(), "s1", "10.1.2.3:4567");
        assertThat(lease.slot()).isEqualTo(new StreamSlot("news", 1));
        assertThat(registry.acquire(backup.plaintext(), "s2", null).slot()).isEqualTo(new StreamSlot("news", 2));
        KeyRecord used = catalog.keys("news").get(0);
        assertThat(used.lastUsed()).isNotNull();
        assertThat(used.lastRemoteAddress()).isEqualTo("10.1.2.3:4567");
        assertThat(catalog.leases("news")).extracting(LeaseInfo::priority, LeaseInfo::sessionId, LeaseInfo::nodeId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "s1", "catalog-test"),
                        org.assertj.core.groups.Tuple.tuple(2, "s2", "catalog-test"));
        registry.release(lease);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void revokedAndRotatedKeysStopWorking(TestDatabase database) throws Exception {
        DatabaseStreamCatalog catalog = catalog(database.emptyDatabase());
        catalog.createStream("news", "News");
        CreatedKey revoked = catalog.createKey("news", 1);
        CreatedKey rotated = catalog.createKey("news", 2);

        assertThat(catalog.revokeKey("news", revoked.key().id())).hasValueSatisfying(k -> assertThat(k.enabled()).isFalse());
        CreatedKey replacement = catalog.rotateKey("news", rotated.key().id());

        assertThatThrownBy(() -> registry.acquire(revoked.plaintext(), "s1", null)).isInstanceOf(UnknownStreamKeyException.class);
        assertThatThrownBy(() -> registry.acquire(rotated.plaintext(), "s2", null)).isInstanceOf(UnknownStreamKeyException.class);
        assertThat(replacement.key().priority()).isEqualTo(2);
        assertThat(registry.acquire(replacement.plaintext(), "s3", null).slot()).isEqualTo(new StreamSlot("news", 2));
        assertThat(catalog.keys("news")).extracting(KeyRecord::enabled).containsExactlyInAnyOrder(false, false, true);
        assertThat(catalog.revokeKey("other", replacement.key().id())).isEmpty();
        assertThatThrownBy(() -> catalog.rotateKey("news", 42)).isInstanceOf(CatalogException.NotFound.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletingAStreamDeletesItsKeysAndLeases(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        DatabaseStreamCatalog catalog = catalog(dataSource);
        catalog.createStream("news", "News");
        CreatedKey key = catalog.createKey("news", 1);
        registry.acquire(key.plaintext(), "s1", null);

        assertThat(catalog.deleteStream("news")).isTrue();

        Seed seed = new Seed(dataSource);
        assertThat(seed.count("inlet_stream_key")).isZero();
        assertThat(seed.count("inlet_publisher_lease")).isZero();
        assertThatThrownBy(() -> registry.acquire(key.plaintext(), "s2", null)).isInstanceOf(UnknownStreamKeyException.class);
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
