package dev.inlet.registry;

import dev.inlet.testing.LogCapture;
import dev.inlet.core.Lease;
import dev.inlet.core.StreamAlreadyActiveException;
import dev.inlet.core.StreamKeys;
import dev.inlet.core.StreamSlot;
import dev.inlet.core.UnknownStreamKeyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database registry's lease rules, on H2, PostgreSQL and MariaDB. Time is the test's clock, shared by
 * every node of a test: a test moves it and calls {@code heartbeat()} itself. The scheduled heartbeat's
 * real period is far longer than a test, so it never interferes.
 */
class DatabaseRegistryTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration HEARTBEAT = Duration.ofMinutes(5);

    private final MutableClock clock = MutableClock.startingNow();
    private final List<DatabaseRegistry> registries = new ArrayList<>();

    @AfterEach
    void closeRegistries() {
        registries.forEach(DatabaseRegistry::close);
    }

    private DatabaseRegistry node(DataSource dataSource, String nodeId, boolean takeover) {
        RegistrySettings settings = RegistrySettings.defaults().withNodeId(nodeId)
                .withLeaseTimeout(TIMEOUT, HEARTBEAT).withTakeover(takeover);
        DatabaseRegistry registry = new DatabaseRegistry(dataSource, settings, Executors.defaultThreadFactory(), clock,
                DatabaseSetup.schema());
        registry.start();
        registries.add(registry);
        return registry;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void oneLeasePerSlotUntilReleased(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        String key = new Seed(dataSource).key("news", 1);
        DatabaseRegistry registry = node(dataSource, "a", false);

        assertThat(registry.lookup(key)).contains(new StreamSlot("news", 1));
        Lease lease = registry.acquire(key, "s1", "10.0.0.1:5000");
        assertThat(lease.slot()).isEqualTo(new StreamSlot("news", 1));
        assertThat(lease.keyPrefix()).isEqualTo(StreamKeys.prefix(key));

        assertThatThrownBy(() -> registry.acquire(key, "s2", "10.0.0.2:5000"))
                .isInstanceOf(StreamAlreadyActiveException.class)
                .hasMessageContaining("already publishing");

        registry.release(lease);
        registry.release(lease); // twice is harmless
        Lease next = registry.acquire(key, "s2", "10.0.0.2:5000");
        assertThat(next.sessionId()).isEqualTo("s2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unknownKeysAndDisabledStreamsAreRefused(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Seed seed = new Seed(dataSource);
        String key = seed.key("news", 1);
        DatabaseRegistry registry = node(dataSource, "a", false);
        String unknown = StreamKeys.generate();

        assertThat(registry.lookup(unknown)).isEmpty();
        assertThatThrownBy(() -> registry.acquire(unknown, "s1", null))
                .isInstanceOf(UnknownStreamKeyException.class)
                .hasMessageContaining(StreamKeys.prefix(unknown))
                .hasMessageNotContaining(unknown);

        seed.setStreamEnabled("news", false);
        assertThat(registry.lookup(key)).isEmpty();
        assertThatThrownBy(() -> registry.acquire(key, "s1", null))
                .isInstanceOf(StreamDisabledException.class)
                .hasMessageContaining("news is disabled");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void primaryAndBackupInputsAreSeparateSlots(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Seed seed = new Seed(dataSource);
        String primary = seed.key("news", 1);
        String backup = seed.key("news", 2);
        DatabaseRegistry registry = node(dataSource, "a", false);

        assertThat(registry.acquire(primary, "s1", null).slot()).isEqualTo(new StreamSlot("news", 1));
        assertThat(registry.acquire(backup, "s2", null).slot()).isEqualTo(new StreamSlot("news", 2));
        assertThat(seed.count("inlet_publisher_lease")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aHeartbeatedLeaseHoldsAndAnAbandonedOneIsTakenOverAfterTheTimeout(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        String key = new Seed(dataSource).key("news", 1);
        DatabaseRegistry a = node(dataSource, "a", false);
        DatabaseRegistry b = node(dataSource, "b", false);

        a.acquire(key, "s1", null);
        clock.advance(HEARTBEAT);
        a.heartbeat();
        clock.advance(HEARTBEAT);
        a.heartbeat();
        clock.advance(HEARTBEAT);
        // Longer than the timeout since the claim, but heartbeated since: the lease holds.
        assertThatThrownBy(() -> b.acquire(key, "s2", null)).isInstanceOf(StreamAlreadyActiveException.class);

        a.heartbeat();
        a.stopWithoutReleasing(); // as if node a had crashed right after that heartbeat
        clock.advance(TIMEOUT);
        assertThatThrownBy(() -> b.acquire(key, "s2", null)).as("exactly the timeout is not yet expired")
                .isInstanceOf(StreamAlreadyActiveException.class);
        clock.advance(Duration.ofMillis(1));
        Lease taken = b.acquire(key, "s2", null);
        assertThat(taken.sessionId()).isEqualTo("s2");
        assertThat(new Seed(dataSource).holderOf("news", 1)).contains("b/s2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNodeRestartedUnderItsOwnIdFreesTheLeasesOfItsPreviousLifeAtOnce(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        String key = new Seed(dataSource).key("news", 1);
        DatabaseRegistry before = node(dataSource, "a", false);
        before.acquire(key, "s1", null);
        before.stopWithoutReleasing(); // the node crashed with an encoder live

        DatabaseRegistry after = node(dataSource, "a", false); // back within the lease timeout, clock unmoved
        Lease again = after.acquire(key, "s2", null);

        assertThat(again.sessionId()).isEqualTo("s2");
        assertThat(new Seed(dataSource).holderOf("news", 1)).contains("a/s2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNodeWhoseLeaseWasTakenOverAfterExpiryHearsOfItAtItsNextHeartbeat(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        String key = new Seed(dataSource).key("news", 1);
        DatabaseRegistry a = node(dataSource, "a", false);
        DatabaseRegistry b = node(dataSource, "b", false);
        List<Lease> lostOnA = new CopyOnWriteArrayList<>();
        a.setLeaseLostListener(lostOnA::add);

        Lease stalled = a.acquire(key, "s1", null);
        clock.advance(TIMEOUT.plusMillis(1)); // a missed its heartbeats (a long pause, a partition)
        b.acquire(key, "s2", null);
        assertThat(lostOnA).isEmpty();

        a.heartbeat();
        assertThat(lostOnA).containsExactly(stalled);
        a.release(stalled); // the displaced publisher leaving must not free the new one's slot
        a.heartbeat();
        assertThat(new Seed(dataSource).holderOf("news", 1)).contains("b/s2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void takeoverReplacesTheLivePublisherAndItsNodeHearsOfIt(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        String key = new Seed(dataSource).key("news", 1);
        DatabaseRegistry a = node(dataSource, "a", true);
        DatabaseRegistry b = node(dataSource, "b", true);
        List<Lease> lostOnA = new CopyOnWriteArrayList<>();
        a.setLeaseLostListener(lostOnA::add);

        Lease first = a.acquire(key, "s1", null);
        Lease second = a.acquire(key, "s2", null); // same node: told at once
        assertThat(lostOnA).containsExactly(first);

        Lease third = b.acquire(key, "s3", null); // other node: a hears of it at its next heartbeat
        assertThat(third.sessionId()).isEqualTo("s3");
        assertThat(lostOnA).containsExactly(first);
        a.heartbeat();
        assertThat(lostOnA).containsExactly(first, second);
        a.release(second); // the displaced publisher leaving must not free the new one's slot
        a.heartbeat();
        assertThat(new Seed(dataSource).count("inlet_publisher_lease")).isEqualTo(1);
        assertThat(new Seed(dataSource).holderOf("news", 1)).contains("b/s3");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void closingANodeReleasesAllItsLeasesAtOnce(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Seed seed = new Seed(dataSource);
        String primary = seed.key("news", 1);
        String backup = seed.key("news", 2);
        DatabaseRegistry a = node(dataSource, "a", false);
        DatabaseRegistry b = node(dataSource, "b", false);
        a.acquire(primary, "s1", null);
        a.acquire(backup, "s2", null);

        a.close();

        assertThat(b.acquire(primary, "s3", null).sessionId()).isEqualTo("s3");
        assertThat(b.acquire(backup, "s4", null).sessionId()).isEqualTo("s4");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theDemoKeyIsSeededOnceHoweverManyNodesStart(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        String demoKey = StreamKeys.generate();
        for (String id : List.of("a", "b")) {
            DatabaseRegistry registry = new DatabaseRegistry(dataSource, RegistrySettings.defaults().withNodeId(id),
                    Executors.defaultThreadFactory(), clock, withDemoKey(demoKey));
            registry.start();
            registries.add(registry);
        }
        Seed seed = new Seed(dataSource);
        assertThat(seed.count("inlet_stream")).isEqualTo(1);
        assertThat(seed.count("inlet_stream_key")).isEqualTo(1);
        assertThat(registries.get(1).acquire(demoKey, "s1", null).slot()).isEqualTo(new StreamSlot("demo", 1));
    }

    @Test
    void aSetupThatFailsIsRetriedEveryHeartbeatPeriodAndPublishesWaitForIt() throws Exception {
        DataSource dataSource = TestDatabase.H2.emptyDatabase();
        AtomicInteger attempts = new AtomicInteger();
        DatabaseSetup flaky = DatabaseSetup.schema().andThen(ignored -> {
            if (attempts.incrementAndGet() == 1) {
                throw new SQLException("database still starting");
            }
        });
        DatabaseRegistry registry = new DatabaseRegistry(dataSource, RegistrySettings.defaults().withNodeId("a")
                .withLeaseTimeout(TIMEOUT, HEARTBEAT), Executors.defaultThreadFactory(), clock, flaky);
        registry.start();
        registries.add(registry);
        String key = new Seed(dataSource).key("news", 1);

        assertThat(registry.isAvailable()).isFalse();
        assertThatThrownBy(() -> registry.acquire(key, "s1", null)).isInstanceOf(RegistryUnavailableException.class);

        registry.tick(); // what the heartbeat does every period
        assertThat(attempts).hasValue(2);
        assertThat(registry.isAvailable()).isTrue();
        assertThat(registry.acquire(key, "s1", null).slot()).isEqualTo(new StreamSlot("news", 1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keysNeverReachTheLogs(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        try (LogCapture logs = LogCapture.open()) {
            String demoKey = StreamKeys.generate();
            DatabaseRegistry a = new DatabaseRegistry(dataSource, RegistrySettings.defaults().withNodeId("a")
                    .withLeaseTimeout(TIMEOUT, HEARTBEAT).withTakeover(true), Executors.defaultThreadFactory(),
                    clock, withDemoKey(demoKey));
            a.start();
            registries.add(a);
            Lease first = a.acquire(demoKey, "s1", "10.0.0.1:1");
            a.acquire(demoKey, "s2", "10.0.0.2:1"); // a takeover is logged
            String unknown = StreamKeys.generate();
            assertThatThrownBy(() -> a.acquire(unknown, "s3", null)).isInstanceOf(UnknownStreamKeyException.class);
            a.release(first);
            a.close();

            assertThat(logs.lines()).isNotEmpty();
            assertThat(logs.lines()).noneMatch(line -> line.contains(demoKey) || line.contains(unknown));
            assertThat(logs.lines()).anyMatch(line -> line.contains(StreamKeys.prefix(demoKey)));
        }
    }

    private DatabaseSetup withDemoKey(String demoKey) {
        return DatabaseSetup.schema().andThen(new DemoStreamSeeder(demoKey, clock, Duration.ofSeconds(5)));
    }
}
