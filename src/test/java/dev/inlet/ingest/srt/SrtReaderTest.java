package dev.inlet.ingest.srt;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.Publication;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.ReadRequest;
import dev.inlet.core.Reading;
import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamKeys;
import dev.inlet.hub.BackPressure;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.srt.FakeSrt;
import dev.inlet.srt.SrtConnection;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.srt.SrtVerdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SRT reader's queue and life against a stand-in for libsrt ({@link FakeSrt}): what libsrt does not take waits in
 * order, the hub's back-pressure sees it, the hard cap drops the reader as a slow peer, and the stream's end, a kick
 * and an abandoned handshake each end it once.
 */
class SrtReaderTest {

    private static final List<SrtTestMedia.Tag> H264_AAC = SrtTestMedia.tagsOfTs("h264-aac.ts");
    private static final long PASS = SrtTestMedia.durationOf(H264_AAC);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger slowPeers = new AtomicInteger();
    private final FakeSrt srt = new FakeSrt();
    private StreamCore core;
    private Publication publication;
    private long passes;

    @AfterEach
    void close() {
        timers.shutdownNow();
        if (core != null) {
            core.close();
        }
    }

    private void start(BackPressure backPressure) throws Exception {
        CoreSettings defaults = CoreSettings.defaults();
        core = new StreamCore(new CoreSettings(defaults.gopCacheMaxBytes(), backPressure, Duration.ZERO,
                defaults.maxPlayersPerStream(), defaults.maxPlayers(), defaults.publishBlocking(),
                defaults.authorizationTimeout()), registry, new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()),
                Executors.defaultThreadFactory());
        registry.register("demo", key);
        publication = core.admitPublisher(new PublishRequest("test", key, "publisher", "127.0.0.1:1", "", "", "test"),
                reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(publication);
        publishPasses(1);
    }

    /** The fixture again and again, as one live stream: metadata and sequence headers only the first time. */
    private void publishPasses(int count) {
        for (int i = 0; i < count; i++) {
            long offset = passes * PASS;
            for (SrtTestMedia.Tag tag : H264_AAC) {
                MediaFrame frame = tag.frame(offset);
                if (passes == 0 || (!frame.config() && frame.kind() != MediaFrame.Kind.METADATA)) {
                    publication.onFrame(tag.type(), tag.body().length, frame);
                }
            }
            passes++;
        }
    }

    private SrtReader reader() {
        return new SrtReader(new PlayInfo("127.0.0.1:9000", "srt", "SRT caller", "demo"), timers, slowPeers::incrementAndGet);
    }

    /** Admits {@code reader} through the core and returns the verdict the handshake would get. */
    private SrtVerdict admit(SrtReader reader) throws Exception {
        Reading reading = core.admitReader(new ReadRequest("srt", "demo", null, "srt-test", reader.info()), reader)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        return reader.admitted(reading, dev.inlet.core.StreamEncryption.SERVER_DEFAULT);
    }

    private static SrtConnection.Listener connect(SrtVerdict verdict, SrtConnection connection) {
        assertThat(verdict).isInstanceOf(SrtVerdict.Accept.class);
        return ((SrtVerdict.Accept) verdict).handler().connected(connection);
    }

    @Test
    void theCatchUpWaitsForTheConnectionAndGoesOutWhenItIsEstablished() throws Exception {
        start(BackPressure.defaults());
        SrtReader reader = reader();

        SrtVerdict verdict = admit(reader);
        assertThat(reader.backlogBytes()).as("the catch-up, queued").isPositive();
        assertThat(core.players()).singleElement().satisfies(player -> assertThat(player.protocol()).isEqualTo("srt"));

        connect(verdict, srt.connection("read:demo"));

        assertThat(reader.backlogBytes()).isZero();
        SrtTestMedia.Demuxed sent = SrtTestMedia.Demuxed.of(srt.sentBytes());
        assertThat(sent.framesOf(FrameKind.H264).get(0).keyframe()).isTrue();
        assertThat(sent.tracks).isNotEmpty();
        assertThat(srt.sent).allMatch(unit -> unit.length == 1316);
        assertThat(reader.bytesSent()).isEqualTo(srt.sentBytes().length);
    }

    @Test
    void whatLibsrtDoesNotTakeWaitsInOrderAndTheTsStaysWhole() throws Exception {
        start(BackPressure.defaults());
        SrtReader reader = reader();
        connect(admit(reader), srt.connection("read:demo"));
        int sentBefore = srt.sent.size();

        srt.full = true;
        publishPasses(3);
        assertThat(srt.sent).hasSize(sentBefore);
        long waiting = reader.backlogBytes();
        assertThat(waiting).isPositive();
        assertThat(srt.refusedSends.get()).as("libsrt is asked again with every frame").isGreaterThan(100);

        srt.full = false;
        publishPasses(1);

        assertThat(reader.backlogBytes()).isZero();
        SrtTestMedia.Demuxed sent = SrtTestMedia.Demuxed.of(srt.sentBytes());
        assertThat(sent.stats.continuityErrors()).isZero();
        List<Long> times = sent.framesOf(FrameKind.H264).stream().map(AVPacket::dts).toList();
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(times.get(times.size() - 1)).isGreaterThanOrEqualTo(4 * PASS - 100);
    }

    @Test
    void aReaderThatFallsBehindSkipsToTheNextKeyframeAsTheHubDecides() throws Exception {
        start(new BackPressure(64 * 1024, Duration.ofSeconds(60)));
        SrtReader reader = reader();
        connect(admit(reader), srt.connection("read:demo"));

        srt.full = true;
        publishPasses(10);
        assertThat(reader.backlogBytes()).as("bounded by the hub's back-pressure").isLessThan(200 * 1024);
        srt.full = false;
        publishPasses(2);

        assertThat(core.players()).singleElement()
                .satisfies(player -> assertThat(player.framesSkipped()).isPositive());
        SrtTestMedia.Demuxed sent = SrtTestMedia.Demuxed.of(srt.sentBytes());
        assertThat(sent.stats.continuityErrors()).as("whole frames skipped, never TS packets").isZero();
        assertThat(sent.stats.droppedPes()).isZero();
        // Withheld by the hub, the queue still drained: the reader is back on the live stream, from a keyframe.
        assertThat(reader.backlogBytes()).isZero();
        List<AVPacket> video = sent.framesOf(FrameKind.H264);
        assertThat(video.get(video.size() - 1).dts()).isGreaterThanOrEqualTo((passes - 1) * PASS + 900);
        assertThat(video.stream().filter(frame -> frame.dts() >= 10 * PASS).findFirst().orElseThrow().keyframe())
                .isTrue();
        assertThat(slowPeers.get()).isZero();
    }

    @Test
    void aConnectedReaderOverTheHardCapIsDroppedAsASlowPeer() throws Exception {
        start(new BackPressure(1L << 40, Duration.ofHours(1)));
        SrtReader reader = reader();
        connect(admit(reader), srt.connection("read:demo"));

        srt.full = true;
        long perPass = H264_AAC.stream().mapToLong(tag -> tag.body().length).sum();
        publishPasses((int) (SrtReader.MAX_QUEUED_BYTES / perPass) + 10);

        assertThat(slowPeers.get()).isEqualTo(1);
        assertThat(srt.closes.get()).isEqualTo(1);
        assertThat(reader.isOpen()).isFalse();
        assertThat(reader.backlogBytes()).as("the queue is let go").isZero();
        assertThat(core.players()).isEmpty();
    }

    @Test
    void aCatchUpOverTheCapBeforeTheConnectionStartsOverAtTheNextKeyframe() throws Exception {
        start(new BackPressure(1L << 40, Duration.ofHours(1)));
        SrtReader reader = reader();
        SrtVerdict verdict = admit(reader);
        long perPass = H264_AAC.stream().mapToLong(tag -> tag.body().length).sum();
        publishPasses((int) (SrtReader.MAX_QUEUED_BYTES / perPass) + 10);
        assertThat(reader.backlogBytes()).isLessThanOrEqualTo(SrtReader.MAX_QUEUED_BYTES);

        connect(verdict, srt.connection("read:demo"));
        publishPasses(1);

        assertThat(slowPeers.get()).isZero();
        assertThat(core.players()).hasSize(1);
        SrtTestMedia.Demuxed sent = SrtTestMedia.Demuxed.of(srt.sentBytes());
        assertThat(sent.framesOf(FrameKind.H264).get(0).keyframe()).as("the first picture sent is a keyframe").isTrue();
    }

    @Test
    void theEndOfTheStreamClosesTheConnectionShortlyAfterTheLastUnit() throws Exception {
        start(BackPressure.defaults());
        SrtReader reader = reader();
        connect(admit(reader), srt.connection("read:demo"));
        int sent = srt.sent.size();

        publication.end("unpublished", null);

        assertThat(srt.sent.size()).as("the muxer's last, shorter unit").isGreaterThan(sent);
        assertThat(srt.sent.get(srt.sent.size() - 1).length % 188).isZero();
        assertThat(core.players()).isEmpty();
        assertThat(srt.closes.get()).as("not yet: libsrt delivers what it has").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> srt.closes.get() == 1);
    }

    @Test
    void aKickClosesTheConnectionAtOnceAndACallerThatLeavesLeavesTheList() throws Exception {
        start(BackPressure.defaults());
        SrtReader kicked = reader();
        connect(admit(kicked), srt.connection("read:demo"));

        assertThat(core.kick("srt-test", "kicked by test")).isTrue();
        assertThat(srt.closes.get()).isEqualTo(1);
        assertThat(core.players()).isEmpty();

        SrtReader leaving = reader();
        SrtConnection.Listener listener = connect(admit(leaving), new FakeSrt().connection("read:demo"));
        listener.onClosed("connection broken");
        assertThat(core.players()).isEmpty();
        assertThat(leaving.isOpen()).isFalse();
    }

    @Test
    void anAbandonedHandshakeClosesTheReadingAndALateConnectionIsRefused() throws Exception {
        start(BackPressure.defaults());
        SrtReader reader = reader();
        SrtVerdict verdict = admit(reader);

        reader.abandon("the SRT handshake was rejected");

        assertThat(core.players()).isEmpty();
        SrtConnection late = srt.connection("read:demo");
        connect(verdict, late);
        assertThat(late.isOpen()).isFalse();
    }

    @Test
    void aReaderAbandonedBeforeTheCoreAnsweredIsRejectedAndLeavesNothing() throws Exception {
        start(BackPressure.defaults());
        SrtReader reader = reader();
        reader.abandon("the SRT handshake was rejected");

        SrtVerdict verdict = admit(reader);

        assertThat(verdict).isInstanceOfSatisfying(SrtVerdict.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(SrtRejectReason.UNAVAILABLE));
        assertThat(core.players()).isEmpty();
    }
}
