package dev.inlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.core.EdgeTokens;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayerView;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on loopback, node A publishing and node B serving its players from one pull of A (the database's
 * answer to "where is it published" is a test double here; the cluster tests ask a real one).
 */
class EdgePullsLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] SECRET = "the-cluster-secret-0123456789abc".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 4,
            0x67, 0x64, 0, 0x1F, 1, 0, 2, 0x68, (byte) 0xEE};

    private final String key = StreamKeys.generate();
    private final AtomicReference<Optional<Origin>> located = new AtomicReference<>(Optional.empty());
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RtmpServer nodeA;
    private RtmpServer nodeB;

    @BeforeEach
    void start() {
        InMemoryRegistry registryA = new InMemoryRegistry();
        registryA.register("show", 1, key);
        nodeA = server(registryA);
        nodeB = server(new InMemoryRegistry());
        nodeA.core().setEdgeTokens(new EdgeTokens(SECRET, Clock.systemUTC()));
    }

    private static RtmpServer server(InMemoryRegistry registry) {
        RtmpServer server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withReconnectGrace(Duration.ofSeconds(3)), registry, Executors.defaultThreadFactory());
        server.start();
        return server;
    }

    private EdgePulls edgeOnB(byte[] secret, Duration idle) {
        EdgePulls pulls = new EdgePulls(nodeB.core(), stream -> located.get(),
                new EdgeTokens(secret, Clock.systemUTC()), "node-b",
                new EdgeSettings(idle, Duration.ofSeconds(3), TIMEOUT, Duration.ofMillis(200)),
                Executors.defaultThreadFactory());
        nodeB.core().setEdgeSource(pulls);
        closing.add(pulls);
        return pulls;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        nodeB.stop();
        nodeA.stop();
    }

    /** An encoder on node A: sequence header, then frames with a marker byte. */
    private RtmpClient publishOnA() throws Exception {
        RtmpClient publisher = RtmpClient.connect("127.0.0.1", nodeA.boundPort(), "live", TIMEOUT);
        closing.add(0, publisher);
        int id = publisher.createStream();
        assertThat(publisher.publish(id, key).code()).isEqualTo(NetStatus.PUBLISH_START);
        publisher.sendMedia(id, MessageTypes.VIDEO, 0, AVC_HEADER);
        frame(publisher, id, true, 0);
        located.set(Optional.of(new Origin("node-a", "127.0.0.1", nodeA.boundPort(), 1)));
        return publisher;
    }

    private static void frame(RtmpClient publisher, int id, boolean keyframe, long timestamp) throws Exception {
        byte[] body = new byte[16];
        body[0] = (byte) (keyframe ? 0x17 : 0x27);
        body[1] = 1;
        body[8] = 7;
        body[9] = (byte) (keyframe ? 0x65 : 0x41);
        publisher.sendMedia(id, MessageTypes.VIDEO, timestamp, body);
    }

    private RtmpClient playOnB(List<RtmpMessage> received) throws Exception {
        RtmpClient player = RtmpClient.connect("127.0.0.1", nodeB.boundPort(), "live", TIMEOUT, received::add);
        closing.add(0, player);
        return player;
    }

    private static long slices(List<RtmpMessage> received) {
        return received.stream().filter(m -> m.typeId() == MessageTypes.VIDEO && m.payload()[1] == 1).count();
    }

    @Test
    void aPlayerOfNodeBIsServedFromOnePullOfNodeAWhichListsItAsAnEdgeReader() throws Exception {
        EdgePulls pulls = edgeOnB(SECRET, Duration.ofSeconds(1));
        RtmpClient publisher = publishOnA();
        List<RtmpMessage> first = new CopyOnWriteArrayList<>();
        List<RtmpMessage> second = new CopyOnWriteArrayList<>();

        RtmpClient player1 = playOnB(first);
        assertThat(player1.play(player1.createStream(), "show").code()).isEqualTo(NetStatus.PLAY_START);
        RtmpClient player2 = playOnB(second);
        assertThat(player2.play(player2.createStream(), "show").code()).isEqualTo(NetStatus.PLAY_START);
        frame(publisher, 1, false, 40);
        frame(publisher, 1, false, 80);

        await().atMost(TIMEOUT).until(() -> slices(first) >= 3 && slices(second) >= 3);
        assertThat(first).anySatisfy(m -> assertThat(m.payload()).startsWith((byte) 0x17, (byte) 0));
        assertThat(nodeA.core().players()).as("one pull, however many players B has")
                .singleElement().extracting(PlayerView::protocol).isEqualTo("edge");
        assertThat(nodeB.core().players()).extracting(PlayerView::protocol).containsExactly("rtmp", "rtmp");
        assertThat(nodeB.core().isPublishedHere("show")).isFalse();
        assertThat(pulls.pulledStreams()).containsEntry("show", "node-a");

        player1.close();
        player2.close();
        await().atMost(TIMEOUT).until(() -> nodeA.core().players().isEmpty());
        assertThat(pulls.pulledStreams()).isEmpty();
        assertThat(nodeB.isLive("show")).isFalse();
    }

    @Test
    void theOriginEndingItsStreamEndsThePlayersOfTheEdge() throws Exception {
        edgeOnB(SECRET, Duration.ofSeconds(10));
        RtmpClient publisher = publishOnA();
        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        RtmpClient player = playOnB(received);
        assertThat(player.play(player.createStream(), "show").code()).isEqualTo(NetStatus.PLAY_START);

        publisher.unpublish(1, key);

        await().atMost(TIMEOUT).until(() -> !nodeB.isLive("show"));
        assertThat(player.awaitCommand(c -> NetStatus.PLAY_STOP.equals(NetStatus.codeOf(
                c.arguments().isEmpty() ? null : c.arguments().get(0)))).name()).isEqualTo("onStatus");
    }

    @Test
    void aPullWithoutTheClusterSecretIsRefusedByTheOriginAndThePlayerIsToldNotFound() throws Exception {
        edgeOnB("not-this-clusters-secret-0123456".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
        publishOnA();
        RtmpClient player = playOnB(new CopyOnWriteArrayList<>());

        var status = player.play(player.createStream(), "show");

        assertThat(status.code()).isEqualTo(NetStatus.PLAY_STREAM_NOT_FOUND);
        assertThat(nodeA.core().players()).isEmpty();
        assertThat(nodeA.rejectReasons()).containsEntry("play_edge_refused", 1L);
    }

    @Test
    void aPlayNamingAForgedProofIsRefusedAsForbidden() throws Exception {
        publishOnA();
        RtmpClient intruder = RtmpClient.connect("127.0.0.1", nodeA.boundPort(), "live", TIMEOUT);
        closing.add(0, intruder);

        var status = intruder.play(intruder.createStream(), "show?edge=node-b.99999999999.AAAA");

        assertThat(status.code()).isEqualTo(NetStatus.PLAY_FAILED);
        assertThat(status.description()).contains("cluster's secret");
        assertThat(nodeA.core().players()).isEmpty();
    }

    @Test
    void whenTheStreamIsPublishedNowhereThePullStopsAndPlayersWaitTheGraceThenEnd() throws Exception {
        edgeOnB(SECRET, Duration.ofSeconds(10));
        publishOnA();
        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        RtmpClient player = playOnB(received);
        assertThat(player.play(player.createStream(), "show").code()).isEqualTo(NetStatus.PLAY_START);
        await().atMost(TIMEOUT).until(() -> !nodeA.core().players().isEmpty());

        located.set(Optional.empty()); // as when A's lease is gone

        await().atMost(TIMEOUT).until(() -> nodeA.core().players().isEmpty());
        assertThat(nodeB.isLive("show")).as("B's players wait the reconnect grace for a new origin").isTrue();
        await().atMost(Duration.ofSeconds(8)).until(() -> !nodeB.isLive("show"));
    }
}
