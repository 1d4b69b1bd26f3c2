package dev.inlet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.hub.MediaFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stream published on another node, pulled as an edge input: the core's side of play anywhere. */
class StreamCoreEdgeTest {

    private static final String BACKUP_KEY = "news-backup-key-0123456789ab";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AVC_HEADER = HexFormat.of().parseHex("1700000000016400" + "1fffe10004" + "6764001f");
    private static final byte[] KEYFRAME = HexFormat.of().parseHex("1701000000000000016588");
    private static final byte[] INTERFRAME = HexFormat.of().parseHex("2701000000000000014188");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final List<StreamCore> cores = new ArrayList<>();
    private final List<String> liveNotices = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeCores() {
        cores.forEach(StreamCore::close);
    }

    private StreamCore core(int maxPerStream) {
        CoreSettings d = CoreSettings.defaults();
        StreamCore core = new StreamCore(new CoreSettings(d.gopCacheMaxBytes(), d.backPressure(), Duration.ofSeconds(10),
                maxPerStream, 0, d.publishBlocking(), Duration.ofMillis(500)), registry,
                new PlayTokens(SECRET, Clock.systemUTC()), Executors.defaultThreadFactory());
        core.addActiveSourceObserver((code, local) -> liveNotices.add(code + (local ? " fed from here" : " pulled")));
        cores.add(core);
        return core;
    }

    private static void gop(EdgeInput input, long start) {
        input.onFrame(MediaFrame.video(start, AVC_HEADER, false, true));
        input.onFrame(MediaFrame.video(start, KEYFRAME, true, false));
        input.onFrame(MediaFrame.video(start + 40, INTERFRAME, false, false));
    }

    private static void gop(Publication publication, long start) {
        publication.onFrame(9, AVC_HEADER.length, MediaFrame.video(start, AVC_HEADER, false, true));
        publication.onFrame(9, KEYFRAME.length, MediaFrame.video(start, KEYFRAME, true, false));
        publication.onFrame(9, INTERFRAME.length, MediaFrame.video(start + 40, INTERFRAME, false, false));
    }

    private static CompletableFuture<Reading> read(StreamCore core, FakePlayer player, String id) {
        return core.admitReader(new ReadRequest("rtmp", "news", null, id, player.info()), player).toCompletableFuture();
    }

    @Test
    void aReaderOfAStreamNotPublishedHereWaitsForThePullAndIsFedFromIt() throws Exception {
        StreamCore core = core(0);
        AtomicReference<EdgeInput> pulled = new AtomicReference<>();
        List<String> asked = new CopyOnWriteArrayList<>();
        core.setEdgeSource(stream -> {
            asked.add(stream);
            EdgeInput input = core.openEdgeInput(stream, 1, "node-a");
            pulled.set(input);
            return CompletableFuture.supplyAsync(() -> {
                gop(input, 5_000);
                return true;
            });
        });
        FakePlayer player = new FakePlayer("news");

        Reading reading = read(core, player, "rtmp-1").get(5, TimeUnit.SECONDS);

        assertThat(asked).containsExactly("news");
        assertThat(player.frames).extracting(MediaFrame::keyframe).contains(true);
        assertThat(core.isLive("news")).isTrue();
        assertThat(core.isPublishedHere("news")).isFalse();
        assertThat(core.readersOf("news")).isEqualTo(1);
        assertThat(core.players()).extracting(PlayerView::id).containsExactly(reading.id());
        assertThat(liveNotices).as("relays and recordings run where the publisher is, not on an edge")
                .containsExactly("news pulled");

        pulled.get().end("the stream ended on node node-a", true);
        assertThat(player.endedFor).contains("has gone");
    }

    @Test
    void aReaderOfAHubWaitingForItsDroppedPublisherStillAsksTheCluster() throws Exception {
        String primaryKey = "news-primary-key-0123456789";
        registry.register("news", primaryKey);
        StreamCore core = core(0);
        Publication dropped = core.admitPublisher(new PublishRequest("rtmp", primaryKey, "pub-1", "10.0.0.1:5000",
                "live", "", ""), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(dropped);
        gop(dropped, 0);
        dropped.end("connection reset", new java.io.IOException("reset")); // the hub waits the grace for it
        List<String> asked = new CopyOnWriteArrayList<>();
        core.setEdgeSource(stream -> {
            asked.add(stream); // its encoder came back on another node
            EdgeInput input = core.openEdgeInput(stream, 1, "node-a");
            gop(input, 7_000);
            return CompletableFuture.completedFuture(true);
        });
        FakePlayer player = new FakePlayer("news");

        read(core, player, "rtmp-1").get(5, TimeUnit.SECONDS);

        assertThat(core.isLive("news")).isTrue();
        assertThat(asked).containsExactly("news");
        assertThat(core.streamStatus("news").liveInputs()).containsExactly(1);
    }

    @Test
    void withoutAClusterAStreamNotLiveHereIsNotFoundAndNothingIsPulled() {
        StreamCore core = core(0);
        assertThat(core.canPullFromCluster()).isFalse();

        CompletableFuture<Reading> admission = read(core, new FakePlayer("news"), "rtmp-1");

        assertThat(admission).failsWithin(Duration.ofSeconds(5));
        assertThat(core.rejectReasons()).containsEntry("play_stream_not_found", 1L);
    }

    @Test
    void aPullThatFindsNoOriginIsNotFound() {
        StreamCore core = core(0);
        core.setEdgeSource(stream -> CompletableFuture.completedFuture(false));

        Refusal refusal = refusalOf(read(core, new FakePlayer("news"), "rtmp-1"));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(core.players()).isEmpty();
    }

    @Test
    void whenThePullEndsALocalBackupTakesOverOnOneTimeline() throws Exception {
        registry.register("news", "news-primary-key-0123456789");
        registry.register("news", 2, BACKUP_KEY);
        StreamCore core = core(0);
        EdgeInput pull = core.openEdgeInput("news", 1, "node-a");
        gop(pull, 90_000);
        FakePlayer player = new FakePlayer("news");
        read(core, player, "rtmp-1").get(5, TimeUnit.SECONDS);
        Publication backup = core.admitPublisher(new PublishRequest("rtmp", BACKUP_KEY, "pub-2", "10.0.0.2:5000",
                "live", "", ""), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(backup);
        gop(backup, 0);
        assertThat(core.streamStatus("news").activePriority()).as("the origin's primary is better").isEqualTo(1);
        assertThat(liveNotices).as("the pull still feeds the players: relays and recordings stay on the origin")
                .containsExactly("news pulled");
        long lastPulled = player.frames.get(player.frames.size() - 1).timestamp();

        pull.end("the stream's best input moved", false);
        gop(backup, 200);

        assertThat(core.streamStatus("news").activePriority()).isEqualTo(2);
        assertThat(liveNotices).as("the backup here feeds the players now: relays and recordings start here")
                .containsExactly("news pulled", "news fed from here");
        assertThat(core.streamStatus("news").switches()).last()
                .satisfies(change -> assertThat(change.fromPriority()).isEqualTo(1))
                .satisfies(change -> assertThat(change.toPriority()).isEqualTo(2));
        List<Long> after = player.frames.stream().map(MediaFrame::timestamp).filter(t -> t > lastPulled).toList();
        assertThat(after).as("the backup continues right after the pulled frames").isNotEmpty()
                .allSatisfy(t -> assertThat(t).isLessThan(lastPulled + 100));
        assertThat(player.endedFor).isNull();
    }

    @Test
    void aPrimaryReconnectingHereWhileItsOldPullEndsDoesNotCollideWithIt() throws Exception {
        String primaryKey = "news-primary-key-0123456789";
        registry.register("news", primaryKey);
        StreamCore core = core(0);
        EdgeInput pull = core.openEdgeInput("news", 1, "node-a");
        gop(pull, 1_000);
        Publication primary = core.admitPublisher(new PublishRequest("rtmp", primaryKey, "pub-1", "10.0.0.1:5000",
                "live", "", ""), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(primary);

        pull.end("the stream's best input moved to this node", false);
        gop(primary, 0);

        assertThat(core.isPublishedHere("news")).isTrue();
        assertThat(core.streamStatus("news").liveInputs()).containsExactly(1);
        assertThat(primary.isActive()).isTrue();
    }

    @Test
    void anEdgeReaderNeedsTheClusterSecretAndALocalPublisher() throws Exception {
        String primaryKey = "news-primary-key-0123456789";
        registry.register("news", primaryKey);
        StreamCore origin = core(1);
        FakePlayer edge = new FakePlayer("news");
        ReadRequest request = new ReadRequest("edge", "news", null, "edge-1", edge.info());
        EdgeTokens tokens = new EdgeTokens(SECRET, Clock.systemUTC());
        EdgeTokens otherCluster = new EdgeTokens("another-cluster-secret-0123456789".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());

        Refusal disabled = refusalOf(origin.admitEdgeReader(request, tokens.sign("news", "node-b"), edge)
                .toCompletableFuture());
        origin.setEdgeTokens(tokens);
        Refusal forged = refusalOf(origin.admitEdgeReader(request, otherCluster.sign("news", "node-b"), edge)
                .toCompletableFuture());
        Refusal otherStream = refusalOf(origin.admitEdgeReader(request, tokens.sign("sports", "node-b"), edge)
                .toCompletableFuture());
        Refusal notPublished = refusalOf(origin.admitEdgeReader(request, tokens.sign("news", "node-b"), edge)
                .toCompletableFuture());

        assertThat(disabled.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(disabled.message()).contains("inlet.cluster.secret");
        assertThat(forged.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(otherStream.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(notPublished.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(origin.rejectReasons()).containsEntry("play_edge_refused", 3L);

        Publication primary = origin.admitPublisher(new PublishRequest("rtmp", primaryKey, "pub-1", "10.0.0.1:5000",
                "live", "", ""), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        origin.confirmed(primary);
        gop(primary, 0);
        Reading pull = origin.admitEdgeReader(request, tokens.sign("news", "node-b"), edge).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        FakePlayer viewer = new FakePlayer("news");
        read(origin, viewer, "rtmp-2").get(5, TimeUnit.SECONDS);

        assertThat(edge.frames).extracting(MediaFrame::keyframe).contains(true);
        assertThat(origin.players()).extracting(PlayerView::protocol).containsExactly("edge", "rtmp");
        assertThat(pull.id()).isEqualTo("edge-1");
        assertThat(origin.kick("edge-1", "test")).isTrue();
        assertThat(edge.disconnectedFor).isEqualTo("test");
    }

    private static Refusal refusalOf(CompletableFuture<?> admission) {
        try {
            admission.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Refusal refusal = AdmissionRefusedException.of(e);
            if (refusal != null) {
                return refusal;
            }
            throw new AssertionError("not a refusal", e);
        }
        throw new AssertionError("admitted, expected a refusal");
    }
}
