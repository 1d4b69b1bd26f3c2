package dev.inlet.ingest.srt;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayerView;
import dev.inlet.core.Publication;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.TsTrack;
import dev.inlet.srt.SrtCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SRT readers go through the stream core like every player: its refusals are the caller's reject codes, it lists and
 * kicks them, and they get the stream as MPEG-TS, the catch-up first. The stream is published in-process from the
 * project's fixtures (what an SRT publish of them hands the core), the reader is libsrt itself ({@link SrtCaller}).
 */
class SrtReadLoopbackTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<SrtTestMedia.Tag> H264_AAC = SrtTestMedia.tagsOfTs("h264-aac.ts");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private final List<SrtCaller.Connection> callers = new ArrayList<>();
    private RtmpServer server;
    private SrtServer srt;

    @BeforeEach
    void register() {
        registry.register("demo", key);
    }

    private void start(RtmpSettings settings) {
        server = new RtmpServer(settings.withHost("127.0.0.1").withPort(0), registry, Executors.defaultThreadFactory());
        server.start();
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0), server.core(),
                Executors.defaultThreadFactory(), null, server::countClose);
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    private void start() {
        start(RtmpSettings.defaults());
    }

    @AfterEach
    void stop() {
        callers.forEach(SrtCaller.Connection::close);
        if (srt != null) {
            srt.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** Publishes {@code tags} to stream demo in-process, as an SRT or RTMP publish hands them to the core. */
    private Publication publish(List<SrtTestMedia.Tag> tags) throws Exception {
        Publication publication = server.core().admitPublisher(new PublishRequest("test", key, "test-publisher",
                "127.0.0.1:1", "", "", "test"), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        server.core().confirmed(publication);
        feed(publication, tags, 0);
        return publication;
    }

    private static void feed(Publication publication, List<SrtTestMedia.Tag> tags, long offset) {
        for (SrtTestMedia.Tag tag : tags) {
            publication.onFrame(tag.type(), tag.body().length, tag.frame(offset));
        }
    }

    private SrtCaller.Connection read(String streamId) throws Exception {
        SrtCaller.Connection caller = SrtCaller.read(srt.port(), streamId);
        callers.add(caller);
        return caller;
    }

    private List<PlayerView> srtPlayers() {
        return server.players().stream().filter(player -> player.protocol().equals("srt")).toList();
    }

    @Test
    void aStreamNobodyPublishesIsNotFound() throws Exception {
        start();

        assertThat(SrtCaller.rejectionOf(srt.port(), "read:demo")).isEqualTo(1404);
        assertThat(SrtCaller.rejectionOf(srt.port(), "#!::r=live/nosuch,m=request")).isEqualTo(1404);
        assertThat(SrtCaller.rejectionOf(srt.port(), "read:not a code")).as("unreadable").isEqualTo(1400);
        assertThat(SrtCaller.rejectionOf(srt.port(), "#!::r=demo,m=bidirectional")).as("unknown mode").isEqualTo(1405);
        assertThat(server.players()).isEmpty();
    }

    @Test
    void aReaderGetsTheSequenceHeadersAndTheCachedGopAsMpegTsThenTheLiveFrames() throws Exception {
        start();
        Publication publication = publish(H264_AAC);

        SrtCaller.Connection caller = read("read:demo");
        await().atMost(WAIT).until(() -> {
            caller.receive(Duration.ofMillis(100), Long.MAX_VALUE);
            return SrtTestMedia.Demuxed.of(caller.bytes()).framesOf(FrameKind.H264).size() >= 20;
        });

        SrtTestMedia.Demuxed catchUp = SrtTestMedia.Demuxed.of(caller.bytes());
        assertThat(catchUp.tracks).extracting(TsTrack::kind).contains(FrameKind.H264, FrameKind.AAC);
        List<AVPacket> video = catchUp.framesOf(FrameKind.H264);
        assertThat(video.get(0).keyframe()).as("the cached GOP starts at its keyframe").isTrue();
        assertThat(video.get(0).dts()).as("the last GOP of the 2 s fixture").isGreaterThanOrEqualTo(900);
        assertThat(catchUp.stats.continuityErrors()).isZero();

        long offset = SrtTestMedia.durationOf(H264_AAC);
        feed(publication, H264_AAC, offset);
        await().atMost(WAIT).until(() -> {
            caller.receive(Duration.ofMillis(100), Long.MAX_VALUE);
            return SrtTestMedia.Demuxed.of(caller.bytes()).framesOf(FrameKind.H264).stream()
                    .anyMatch(frame -> frame.dts() >= offset + 1500);
        });
        SrtTestMedia.Demuxed live = SrtTestMedia.Demuxed.of(caller.bytes());
        assertThat(live.framesOf(FrameKind.H264)).extracting(AVPacket::dts).isSorted();
        assertThat(live.framesOf(FrameKind.AAC)).isNotEmpty();
        assertThat(live.stats.continuityErrors()).isZero();
        assertThat(srtPlayers()).singleElement().satisfies(player -> assertThat(player.bytesSent()).isPositive());
    }

    @Test
    void theReaderIsListedAsSrtAndAKickClosesIt() throws Exception {
        start();
        publish(H264_AAC);
        SrtCaller.Connection caller = read("#!::r=demo,m=request");

        await().atMost(WAIT).until(() -> srtPlayers().size() == 1);
        PlayerView player = srtPlayers().get(0);
        assertThat(player.streamCode()).isEqualTo("demo");
        assertThat(player.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(player.id()).startsWith("srt-");

        assertThat(server.kick(player.id(), "kicked by test")).isTrue();

        assertThat(server.players()).isEmpty();
        await().atMost(WAIT).until(() -> srt.openConnections() == 0);
        assertThat(caller.receive(WAIT, Long.MAX_VALUE)).as("the caller's connection broke").isFalse();
    }

    @Test
    void theEndOfTheStreamClosesTheReaderAndAReaderThatLeavesIsNoLongerListed() throws Exception {
        start();
        Publication publication = publish(H264_AAC);
        SrtCaller.Connection ended = read("read:demo");
        SrtCaller.Connection leaving = read("read:demo");
        await().atMost(WAIT).until(() -> srtPlayers().size() == 2);

        leaving.close();
        await().atMost(WAIT).until(() -> srtPlayers().size() == 1 && srt.openConnections() == 1);

        publication.end("unpublished", null);
        assertThat(ended.receive(WAIT, Long.MAX_VALUE)).as("the caller's connection broke").isFalse();
        assertThat(SrtTestMedia.Demuxed.of(ended.bytes()).framesOf(FrameKind.H264)).as("it got the stream")
                .isNotEmpty();
        await().atMost(WAIT).until(() -> srt.openConnections() == 0);
        assertThat(server.players()).isEmpty();
    }

    @Test
    void aPrivateStreamTakesOnlyAValidPlayTokenOfItsOwn() throws Exception {
        start();
        server.core().setPrivateStreams("demo"::equals);
        publish(H264_AAC);
        String token = server.core().tokens().issue("demo", Duration.ofMinutes(5)).token();
        String otherStreamsToken = server.core().tokens().issue("news", Duration.ofMinutes(5)).token();

        assertThat(SrtCaller.rejectionOf(srt.port(), "read:demo")).as("no token").isEqualTo(1401);
        assertThat(SrtCaller.rejectionOf(srt.port(), "#!::r=demo,m=request,t=" + otherStreamsToken))
                .as("another stream's token").isEqualTo(1401);
        assertThat(SrtCaller.rejectionOf(srt.port(), "read:demo?token=1.forged")).as("forged").isEqualTo(1401);
        assertThat(server.rejectReasons()).containsEntry("play_token_missing", 1L)
                .containsEntry("play_token_invalid", 2L);
        assertThat(server.players()).isEmpty();

        read("#!::r=demo,m=request,t=" + token);
        read("read:live/demo?token=" + token);
        await().atMost(WAIT).until(() -> srtPlayers().size() == 2);
    }

    @Test
    void aPlayDeniedByTheAuthoriserIsForbidden() throws Exception {
        start();
        publish(H264_AAC);
        server.setPlayAuthorizer(attempt -> CompletableFuture.completedFuture(
                attempt.protocol().equals("srt") ? Optional.of("not over SRT") : Optional.empty()));

        assertThat(SrtCaller.rejectionOf(srt.port(), "read:demo")).isEqualTo(1403);
        assertThat(server.rejectReasons()).containsEntry("play_denied", 1L);
        assertThat(server.players()).isEmpty();
    }

    @Test
    void anAuthoriserSlowerThanTheHandshakeBoundIsUnavailableAndLeavesNoReaderBehind() throws Exception {
        start();
        publish(H264_AAC);
        server.setPlayAuthorizer(attempt -> CompletableFuture.supplyAsync(Optional::<String>empty,
                CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS)));

        assertThat(SrtCaller.rejectionOf(srt.port(), "read:demo")).isEqualTo(1503);
        // A reader is counted (and listed) from the start of its admission; the core's late "yes" is undone, so
        // nothing stays behind and nothing was connected.
        await().atMost(WAIT).until(() -> server.players().isEmpty());
        assertThat(srt.openConnections()).isZero();
    }

    @Test
    void thePlayerLimitCountsSrtReadersWithTheOthers() throws Exception {
        start(RtmpSettings.defaults().withPlayerLimits(1, 0));
        publish(H264_AAC);
        read("read:demo");
        await().atMost(WAIT).until(() -> srtPlayers().size() == 1);

        assertThat(SrtCaller.rejectionOf(srt.port(), "read:demo")).isEqualTo(1402);
        assertThat(server.rejectReasons()).containsEntry("play_limit_reached", 1L);
        assertThat(server.players()).hasSize(1);
    }

    @Test
    void aStreamWhoseVideoMpegTsCannotCarryIsRefused() throws Exception {
        start();
        publish(SrtTestMedia.tagsOfFlv("vp9.flv"));

        assertThat(SrtCaller.rejectionOf(srt.port(), "read:demo")).isEqualTo(1406);
        assertThatThrownBy(() -> read("read:demo")).isInstanceOfSatisfying(SrtCaller.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(1406));
        assertThat(server.players()).isEmpty();
        assertThat(srt.openConnections()).isZero();
    }
}
