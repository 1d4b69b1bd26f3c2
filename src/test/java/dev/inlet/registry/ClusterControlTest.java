package dev.inlet.registry;

import dev.inlet.cluster.ClusterCommand;
import dev.inlet.cluster.ClusterControl;
import dev.inlet.cluster.ClusterOrigin;
import dev.inlet.cluster.ClusterSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control plane over the nodes of one database, on H2, PostgreSQL and MariaDB: two nodes, each with its own
 * sessions, see each other's; a command left for a node runs there once; a node alone writes no snapshot; a stopped
 * node's sessions disappear from the others' lists.
 */
class ClusterControlTest {

    private static final ClusterControl.Timing FAST = new ClusterControl.Timing(Duration.ofMillis(100), 2,
            Duration.ofSeconds(2), Duration.ofSeconds(5));
    private final List<ClusterControl> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ClusterControl::close);
    }

    /** A node whose live sessions are a list the test changes, and which records the commands it runs. */
    private static final class FakeNode implements ClusterControl.LocalNode {
        final List<ClusterSession> live = new CopyOnWriteArrayList<>();
        final List<ClusterCommand> ran = new CopyOnWriteArrayList<>();
        final List<dev.inlet.cluster.SharedBlock> applied = new CopyOnWriteArrayList<>();

        @Override
        public void applyBlock(dev.inlet.cluster.SharedBlock block) {
            applied.add(block);
        }

        @Override
        public List<ClusterSession> sessions(long now) {
            return live;
        }

        @Override
        public void run(ClusterCommand command) {
            ran.add(command);
            live.removeIf(session -> command.kind() == ClusterCommand.Kind.KICK
                    && session.sessionId().equals(command.argument()));
        }
    }

    private ClusterControl start(DataSource dataSource, String node, FakeNode local) {
        return start(dataSource, node, null, local);
    }

    private ClusterControl start(DataSource dataSource, String node, String rtmpAddress, FakeNode local) {
        ClusterControl control = new ClusterControl(dataSource, node, rtmpAddress, local,
                Executors.defaultThreadFactory(), Clock.systemUTC(), FAST);
        nodes.add(control);
        control.start();
        return control;
    }

    private static ClusterSession player(String node, String id, String stream) {
        return new ClusterSession(node, id, ClusterSession.Role.PLAYER, stream, "rtmp", "10.0.0.9:5000", 0, null,
                1_000, 4_096, System.currentTimeMillis());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachNodeListsTheOthersSessionsAndAKickRunsOnTheNodeThatHasTheSession(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Migrations.migrate(dataSource);
        FakeNode localA = new FakeNode();
        FakeNode localB = new FakeNode();
        localA.live.add(player("node-a", "7/news", "news"));
        localB.live.add(player("node-b", "7/news", "news")); // connection ids are per node: the same id on both
        localB.live.add(new ClusterSession("node-b", "9/news", ClusterSession.Role.PUBLISHER, "news", "srt",
                "10.0.0.5:9000", 2, "AbCdEf", 2_000, 1_000_000, System.currentTimeMillis()));
        ClusterControl a = start(dataSource, "node-a", localA);
        ClusterControl b = start(dataSource, "node-b", localB);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(a.otherNodesSessions()).extracting(ClusterSession::nodeId, ClusterSession::sessionId,
                            ClusterSession::role)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("node-b", "7/news", ClusterSession.Role.PLAYER),
                            org.assertj.core.groups.Tuple.tuple("node-b", "9/news", ClusterSession.Role.PUBLISHER));
            assertThat(b.otherNodesSessions()).extracting(ClusterSession::nodeId, ClusterSession::sessionId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("node-a", "7/news"));
        });
        ClusterSession publisher = a.otherNodesSessions().stream()
                .filter(s -> s.role() == ClusterSession.Role.PUBLISHER).findFirst().orElseThrow();
        assertThat(publisher.protocol()).isEqualTo("srt");
        assertThat(publisher.priority()).isEqualTo(2);
        assertThat(publisher.keyPrefix()).isEqualTo("AbCdEf");
        assertThat(publisher.bytes()).isEqualTo(1_000_000);

        assertThat(a.nodeOfSession("9/news")).contains("node-b");
        assertThat(a.nodeOfSession("nobody/news")).isEmpty();
        a.send("node-b", ClusterCommand.Kind.KICK, "9/news", "disconnected by an administrator");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(localB.ran).singleElement()
                .satisfies(command -> {
                    assertThat(command.kind()).isEqualTo(ClusterCommand.Kind.KICK);
                    assertThat(command.argument()).isEqualTo("9/news");
                    assertThat(command.reason()).isEqualTo("disconnected by an administrator");
                }));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(a.otherNodesSessions())
                .extracting(ClusterSession::sessionId).containsExactly("7/news"));
        assertThat(localA.ran).as("a command runs only on its node").isEmpty();
        Thread.sleep(500); // several polls later it has not run twice
        assertThat(localB.ran).hasSize(1);

        b.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(a.otherNodesSessions()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStreamIsPulledFromTheLiveNodeWithItsBestLeaseAndFollowsItWhenThatNodeStops(TestDatabase database)
            throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Migrations.migrate(dataSource);
        ClusterControl a = start(dataSource, "node-a", "10.0.0.1:1935", new FakeNode());
        ClusterControl b = start(dataSource, "node-b", "10.0.0.2:1936", new FakeNode());
        ClusterControl c = start(dataSource, "node-c", "10.0.0.3:1935", new FakeNode());
        insertStreamWithLeases(dataSource, "node-a", "node-b");
        await().atMost(Duration.ofSeconds(5)).until(() -> c.otherLiveNodes().size() == 2);

        assertThat(a.originOf("news")).as("published best here: nothing to pull").isEmpty();
        assertThat(b.originOf("news")).contains(new ClusterOrigin("node-a", "10.0.0.1:1935", 1));
        assertThat(c.originOf("news")).contains(new ClusterOrigin("node-a", "10.0.0.1:1935", 1));
        assertThat(c.originOf("sports")).isEmpty();

        a.close(); // its heartbeat stops, as when the node dies: its lease no longer counts once the node is gone
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(c.originOf("news")).contains(new ClusterOrigin("node-b", "10.0.0.2:1936", 2)));
        assertThat(b.originOf("news")).isEmpty();
    }

    /** Stream {@code news}, the lease of its input of priority i + 1 held by {@code nodes[i]} (session {@code <3+i>/news}). */
    private static void insertStreamWithLeases(DataSource dataSource, String... nodes) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement stream = c.prepareStatement("INSERT INTO inlet_stream (id, code, display_name,"
                    + " enabled, created_at, private_playback) VALUES ('s1', 'news', 'News', TRUE, 0, FALSE)")) {
                stream.executeUpdate();
            }
            try (PreparedStatement lease = c.prepareStatement("INSERT INTO inlet_publisher_lease (stream_id, priority,"
                    + " node_id, session_id, key_prefix, remote_address, acquired_at, heartbeat_at)"
                    + " VALUES ('s1', ?, ?, ?, 'AbCdEf', '10.0.0.5:1', 0, 0)")) {
                for (int i = 0; i < nodes.length; i++) {
                    lease.setInt(1, i + 1);
                    lease.setString(2, nodes[i]);
                    lease.setString(3, (3 + i) + "/news");
                    lease.executeUpdate();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void streamCommandsGoToTheNodesWithItsPublishersOrToEveryLiveNode(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Migrations.migrate(dataSource);
        FakeNode localA = new FakeNode();
        FakeNode localB = new FakeNode();
        FakeNode localC = new FakeNode();
        ClusterControl a = start(dataSource, "node-a", localA);
        start(dataSource, "node-b", localB);
        start(dataSource, "node-c", localC);
        insertStreamWithLeases(dataSource, "node-b");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.otherLiveNodes().size() == 2); // both wrote a heartbeat

        assertThat(a.sendForStream("news", ClusterCommand.Kind.DISCONNECT_KEY,
                ClusterCommand.keyArgument("news", 1, "AbCdEf"), "stream key revoked", false)).containsExactly("node-b");
        assertThat(a.sendForStream("news", ClusterCommand.Kind.ENABLE_STREAM, "news", "stream enabled", true))
                .containsExactlyInAnyOrder("node-b", "node-c");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(localB.ran).extracting(ClusterCommand::kind)
                    .containsExactly(ClusterCommand.Kind.DISCONNECT_KEY, ClusterCommand.Kind.ENABLE_STREAM);
            assertThat(localC.ran).extracting(ClusterCommand::kind).containsExactly(ClusterCommand.Kind.ENABLE_STREAM);
        });
        assertThat(localB.ran.get(0).argument()).isEqualTo("news/1/AbCdEf");
        assertThat(localA.ran).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anAddressOneNodeBlocksIsRefusedByEveryNodeUntilAnAdministratorUnblocksIt(TestDatabase database)
            throws Exception {
        DataSource dataSource = database.emptyDatabase();
        Migrations.migrate(dataSource);
        FakeNode localA = new FakeNode();
        FakeNode localB = new FakeNode();
        ClusterControl a = start(dataSource, "node-a", localA);
        ClusterControl b = start(dataSource, "node-b", localB);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.otherLiveNodes().size() == 1);
        long until = System.currentTimeMillis() + 60_000;

        a.blocked("203.0.113.7", until, 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(localB.applied).singleElement()
                .satisfies(block -> {
                    assertThat(block.address()).isEqualTo("203.0.113.7");
                    assertThat(block.until()).isEqualTo(until);
                    assertThat(block.node()).isEqualTo("node-a");
                }));
        Thread.sleep(400); // several ticks: applied once, and never back on the node that blocked it
        assertThat(localB.applied).hasSize(1);
        assertThat(localA.applied).isEmpty();

        assertThat(b.unblock("203.0.113.7")).as("the shared block was there").isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(localA.ran).singleElement()
                .satisfies(command -> {
                    assertThat(command.kind()).isEqualTo(ClusterCommand.Kind.UNBLOCK);
                    assertThat(command.argument()).isEqualTo("203.0.113.7");
                }));
        assertThat(b.unblock("203.0.113.7")).as("gone from the database").isFalse();
    }
}
