package dev.inlet.registry;

import dev.inlet.core.StreamNotFoundException;
import dev.inlet.recording.RecordingInfo;
import dev.inlet.recording.RecordingPolicy;
import dev.inlet.recording.RecordingState;
import dev.inlet.recording.Retention;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recordings' catalog through JPA (EclipseLink, resource-local) on H2, PostgreSQL and MariaDB. */
class RecordingCatalogTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private EntityManagerFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    private record Catalogs(DatabaseStreamCatalog streams, DatabaseRecordingCatalog recordings) {
    }

    private Catalogs catalogs(DataSource dataSource) {
        Migrations.migrate(dataSource);
        factory = Persistence.createEntityManagerFactory("inlet-test",
                Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        ResourceLocalCatalogTransactions transactions = new ResourceLocalCatalogTransactions(factory);
        return new Catalogs(new DatabaseStreamCatalog(transactions), new DatabaseRecordingCatalog(transactions));
    }

    private static RecordingInfo recording(String id, String stream, String node, Instant started) {
        return new RecordingInfo(id, stream, node, RecordingState.RECORDING, started, null, 0, 0, "", 0, 0,
                stream + "/" + id + ".mp4", null);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recordingsRoundTripAndFilter(TestDatabase database) throws Exception {
        DatabaseRecordingCatalog catalog = catalogs(database.emptyDatabase()).recordings();
        RecordingInfo first = recording("00000000-0000-0000-0000-000000000001", "news", "node-a", T0);
        RecordingInfo second = recording("00000000-0000-0000-0000-000000000002", "news", "node-b", T0.plusSeconds(3600));
        RecordingInfo other = recording("00000000-0000-0000-0000-000000000003", "sport", "node-a", T0.plusSeconds(60));
        catalog.add(first);
        catalog.add(second);
        catalog.add(other);

        assertThat(catalog.find(first.id())).contains(first);
        assertThat(catalog.list(null, null, null)).extracting(RecordingInfo::id)
                .containsExactly(second.id(), other.id(), first.id());
        assertThat(catalog.list("news", null, null)).containsExactly(second, first);
        assertThat(catalog.list(null, T0.plusSeconds(60), T0.plusSeconds(3600))).containsExactly(other);
        assertThat(catalog.unfinished("node-a")).containsExactlyInAnyOrder(first, other);

        String longReason = "x".repeat(800);
        RecordingInfo finished = new RecordingInfo(first.id(), "news", "node-a", RecordingState.FAILED, T0,
                T0.plusSeconds(10), 10_000, 1_234_567, "hvc1,mp4a", 1920, 1080, first.file(), longReason);
        catalog.update(finished);
        RecordingInfo stored = catalog.find(first.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(RecordingState.FAILED);
        assertThat(stored.ended()).isEqualTo(T0.plusSeconds(10));
        assertThat(stored.codecs()).isEqualTo("hvc1,mp4a");
        assertThat(stored.bytes()).isEqualTo(1_234_567);
        assertThat(stored.width()).isEqualTo(1920);
        assertThat(stored.reason()).hasSize(RecordingEntity.MAX_REASON).startsWith("xxx");
        assertThat(catalog.unfinished("node-a")).containsExactly(other);

        assertThat(catalog.remove(first.id())).isTrue();
        assertThat(catalog.remove(first.id())).isFalse();
        assertThat(catalog.find(first.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStreamsPolicyIsKeptUntilTheStreamIsDeleted(TestDatabase database) throws Exception {
        Catalogs catalogs = catalogs(database.emptyDatabase());
        DatabaseRecordingCatalog catalog = catalogs.recordings();
        catalogs.streams().createStream("news", null);

        assertThat(catalog.policy("news")).isEmpty();
        catalog.setPolicy("news", new RecordingPolicy(true, null));
        assertThat(catalog.policy("news")).contains(new RecordingPolicy(true, null));
        RecordingPolicy withRetention = new RecordingPolicy(false, new Retention(Duration.ofDays(7), 10_000_000_000L));
        catalog.setPolicy("news", withRetention);
        assertThat(catalog.policy("news")).contains(withRetention);
        catalog.setPolicy("news", new RecordingPolicy(true, new Retention(null, 5)));
        assertThat(catalog.policy("news")).contains(new RecordingPolicy(true, new Retention(null, 5)));

        assertThatThrownBy(() -> catalog.policy("nope")).isInstanceOf(StreamNotFoundException.class);
        assertThatThrownBy(() -> catalog.setPolicy("nope", new RecordingPolicy(true, null)))
                .isInstanceOf(StreamNotFoundException.class);

        catalog.add(recording("00000000-0000-0000-0000-000000000009", "news", "node-a", T0));
        assertThat(catalogs.streams().deleteStream("news")).isTrue();
        assertThat(catalog.list("news", null, null)).as("recordings outlive their stream").hasSize(1);
        catalogs.streams().createStream("news", null);
        assertThat(catalog.policy("news")).as("a new stream of the same code starts from the defaults").isEmpty();
    }
}
