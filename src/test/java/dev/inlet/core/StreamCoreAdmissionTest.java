package dev.inlet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.hub.MediaFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream core's one admission path, without any protocol in front of it. */
class StreamCoreAdmissionTest {

    private static final String KEY = "news-primary-key-0123456789";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final List<StreamCore> cores = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @AfterEach
    void closeCores() {
        cores.forEach(StreamCore::close);
    }

    private StreamCore core(int maxPerStream, int maxTotal) {
        return core(maxPerStream, maxTotal, Clock.systemUTC());
    }

    private StreamCore core(int maxPerStream, int maxTotal, Clock clock) {
        CoreSettings d = CoreSettings.defaults();
        CoreSettings settings = new CoreSettings(d.gopCacheMaxBytes(), d.backPressure(), Duration.ZERO, maxPerStream,
                maxTotal, d.publishBlocking(), Duration.ofMillis(500));
        StreamCore core = new StreamCore(settings, registry, new PlayTokens(SECRET, clock), Executors.defaultThreadFactory());
        core.setIngestListener(new IngestListener() {
            @Override
            public void playerConnected(PlayerView player) {
                events.add("connected " + player.protocol() + " " + player.streamCode());
            }

            @Override
            public void playerDisconnected(PlayerView player, String reason) {
                events.add("disconnected " + player.protocol() + " " + reason);
            }
        });
        cores.add(core);
        return core;
    }

    private Publication publish(StreamCore core, List<String> kicks) throws Exception {
        PublishRequest request = new PublishRequest("rtmp", KEY, "pub-" + ids.incrementAndGet(), "10.0.0.1:5000",
                "live", "rtmp://localhost/live", "FMLE/3.0");
        Publication publication = core.admitPublisher(request, kicks::add).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(publication);
        return publication;
    }

    private CompletableFuture<Reading> read(StreamCore core, String protocol, String token, Player player) {
        return core.admitReader(new ReadRequest(protocol, player.info().streamName(), token,
                protocol + "-" + ids.incrementAndGet(), player.info()), player).toCompletableFuture();
    }

    private static Refusal refusalOf(CompletableFuture<?> admission) {
        try {
            admission.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return AdmissionRefusedException.of(e);
        }
        throw new AssertionError("admitted, expected a refusal");
    }

    @Test
    void playerLimitsCountEveryProtocolTogether() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(2, 0);
        publish(core, new ArrayList<>());

        Reading flv1 = read(core, "http-flv", null, new FakePlayer("news")).get(5, TimeUnit.SECONDS);
        read(core, "http-flv", null, new FakePlayer("news")).get(5, TimeUnit.SECONDS);
        Refusal third = refusalOf(read(core, "rtmp", null, new FakePlayer("news")));

        assertThat(third.kind()).isEqualTo(Refusal.Kind.LIMIT);
        assertThat(third.message()).contains("maximum of 2 players");
        assertThat(core.players()).extracting(PlayerView::protocol).containsExactly("http-flv", "http-flv");
        assertThat(core.rejectReasons()).containsEntry("play_limit_reached", 1L);

        flv1.close("left");
        read(core, "rtmp", null, new FakePlayer("news")).get(5, TimeUnit.SECONDS);
        assertThat(core.players()).extracting(PlayerView::protocol).containsExactlyInAnyOrder("http-flv", "rtmp");
    }

    @Test
    void theServerWideLimitHoldsAcrossStreams() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 1);
        publish(core, new ArrayList<>());
        read(core, "rtmp", null, new FakePlayer("news")).get(5, TimeUnit.SECONDS);

        Refusal refusal = refusalOf(read(core, "http-flv", null, new FakePlayer("news")));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.LIMIT);
        assertThat(refusal.message()).contains("the server has its maximum of 1 players");
    }

    @Test
    void anAdmittedReaderGetsTheCatchUpFramesIsEventedAndListed() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 0);
        Publication publication = publish(core, new ArrayList<>());
        publication.onFrame(9, 5, MediaFrame.parse(9, new byte[]{0x17, 0x00, 0, 0, 0}, 0));
        FakePlayer player = new FakePlayer("news");

        Reading reading = read(core, "http-flv", null, player).get(5, TimeUnit.SECONDS);

        assertThat(player.frames).hasSize(1);
        assertThat(core.players()).singleElement().satisfies(view -> {
            assertThat(view.id()).isEqualTo(reading.id());
            assertThat(view.protocol()).isEqualTo("http-flv");
            assertThat(view.streamCode()).isEqualTo("news");
        });
        reading.close("client left");
        assertThat(core.players()).isEmpty();
        assertThat(events).containsExactly("connected http-flv news", "disconnected http-flv client left");
    }

    @Test
    void aStreamWithoutAPublisherIsNotFoundAndFreesTheSlot() {
        StreamCore core = core(1, 0);

        Refusal refusal = refusalOf(read(core, "rtmp", null, new FakePlayer("news")));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(core.players()).isEmpty();
        assertThat(core.rejectReasons()).containsEntry("play_stream_not_found", 1L);
        assertThat(events).isEmpty();
    }

    @Test
    void aPlayAuthoriserVetoesWithItsReasonAndSeesTheAttempt() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 0);
        publish(core, new ArrayList<>());
        List<PlayAttempt> asked = new CopyOnWriteArrayList<>();
        core.setPlayAuthorizer(attempt -> {
            asked.add(attempt);
            return CompletableFuture.supplyAsync(() -> "rtmp".equals(attempt.protocol())
                    ? Optional.of("no RTMP playback for you") : Optional.empty());
        });

        Refusal refusal = refusalOf(read(core, "rtmp", null, new FakePlayer("news")));
        Reading allowed = read(core, "http-flv", null, new FakePlayer("news")).get(5, TimeUnit.SECONDS);

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(refusal.message()).isEqualTo("no RTMP playback for you");
        assertThat(allowed.request().protocol()).isEqualTo("http-flv");
        assertThat(asked).extracting(PlayAttempt::protocol).containsExactly("rtmp", "http-flv");
        assertThat(asked.get(0).streamCode()).isEqualTo("news");
        assertThat(asked.get(0).remoteAddress()).isEqualTo("10.0.0.9:4000");
        assertThat(core.players()).hasSize(1);
        assertThat(core.rejectReasons()).containsEntry("play_denied", 1L);
    }

    @Test
    void anAuthoriserThatFailsOrNeverAnswersRefusesAsUnavailable() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 0);
        publish(core, new ArrayList<>());

        core.setPlayAuthorizer(attempt -> CompletableFuture.failedFuture(new IllegalStateException("hook down")));
        Refusal failed = refusalOf(read(core, "rtmp", null, new FakePlayer("news")));
        core.setPlayAuthorizer(attempt -> new CompletableFuture<>()); // never completes: the 500 ms timeout decides
        Refusal silent = refusalOf(read(core, "rtmp", null, new FakePlayer("news")));

        assertThat(failed.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE);
        assertThat(silent.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE);
        assertThat(core.players()).isEmpty();
        assertThat(core.rejectReasons()).containsEntry("play_authorisation_failed", 2L);
    }

    @Test
    void aPrivateStreamNeedsAValidTokenOfItsOwn() throws Exception {
        registry.register("news", KEY);
        registry.register("sport", "sport-key-0123456789");
        MutableClock clock = new MutableClock();
        StreamCore core = core(0, 0, clock);
        publish(core, new ArrayList<>());
        core.setPrivateStreams("news"::equals);
        String valid = core.tokens().issue("news", Duration.ofMinutes(5)).token();
        String expired = core.tokens().issue("news", Duration.ofSeconds(30)).token();
        String otherStream = core.tokens().issue("sport", Duration.ofMinutes(5)).token();
        clock.advance(Duration.ofSeconds(31));

        Refusal missing = refusalOf(read(core, "rtmp", null, new FakePlayer("news")));
        Refusal late = refusalOf(read(core, "http-flv", expired, new FakePlayer("news")));
        Refusal wrong = refusalOf(read(core, "rtmp", otherStream, new FakePlayer("news")));
        Refusal forged = refusalOf(read(core, "rtmp", valid.substring(0, valid.length() - 3) + "xyz", new FakePlayer("news")));
        Reading admitted = read(core, "http-flv", valid, new FakePlayer("news")).get(5, TimeUnit.SECONDS);

        assertThat(List.of(missing, late, wrong, forged)).extracting(Refusal::kind).containsOnly(Refusal.Kind.FORBIDDEN);
        assertThat(missing.message()).contains("private", "token");
        assertThat(late.message()).contains("expired");
        assertThat(admitted.request().streamName()).isEqualTo("news");
        assertThat(core.rejectReasons()).containsEntry("play_token_missing", 1L).containsEntry("play_token_expired", 1L)
                .containsEntry("play_token_invalid", 2L);
    }

    @Test
    void aPublicStreamPlaysWithoutATokenAndAPrivacyChangeAppliesAtOnce() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 0);
        publish(core, new ArrayList<>());

        read(core, "rtmp", null, new FakePlayer("news")).get(5, TimeUnit.SECONDS);
        core.streamPrivacyChanged("news", true);
        Refusal refusal = refusalOf(read(core, "rtmp", null, new FakePlayer("news")));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
    }

    @Test
    void kickReachesEveryKindOfReaderAndThePublisher() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 0);
        List<String> publisherKicks = new CopyOnWriteArrayList<>();
        Publication publication = publish(core, publisherKicks);
        FakePlayer rtmp = new FakePlayer("news");
        FakePlayer flv = new FakePlayer("news");
        Reading rtmpReading = read(core, "rtmp", null, rtmp).get(5, TimeUnit.SECONDS);
        Reading flvReading = read(core, "http-flv", null, flv).get(5, TimeUnit.SECONDS);

        assertThat(core.kick(flvReading.id(), "kicked by an administrator")).isTrue();
        assertThat(core.kick(rtmpReading.id(), "kicked too")).isTrue();
        assertThat(core.kick(publication.lease().sessionId(), "publisher kicked")).isTrue();
        assertThat(core.kick("no-such-session", "x")).isFalse();

        assertThat(flv.disconnectedFor).isEqualTo("kicked by an administrator");
        assertThat(rtmp.disconnectedFor).isEqualTo("kicked too");
        assertThat(publisherKicks).containsExactly("publisher kicked");
    }

    @Test
    void publishRefusalsSayWhatKindTheyAre() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 0);
        PublishRequest unknown = new PublishRequest("srt", "no-such-key-123456", "s1", "10.0.0.2:1", "", "", "");
        Refusal notFound = refusalOf(core.admitPublisher(unknown, reason -> { }).toCompletableFuture());
        publish(core, new ArrayList<>());
        PublishRequest second = new PublishRequest("rtmp", KEY, "s2", "10.0.0.3:1", "live", "", "");
        Refusal busy = refusalOf(core.admitPublisher(second, reason -> { }).toCompletableFuture());

        assertThat(notFound.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(busy.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(core.publishers()).singleElement().extracting(PublisherView::protocol).isEqualTo("rtmp");
    }

    @Test
    void aDeniedOrDisabledPublishGivesTheLeaseBack() throws Exception {
        registry.register("news", KEY);
        StreamCore core = core(0, 0);
        core.setPublishAuthorizer(attempt -> CompletableFuture.completedFuture(Optional.of("not today")));
        PublishRequest request = new PublishRequest("rtmp", KEY, "s1", "10.0.0.2:1", "live", "", "");

        Refusal denied = refusalOf(core.admitPublisher(request, reason -> { }).toCompletableFuture());
        core.setPublishAuthorizer(null);
        core.setStreamEnabled("news", false);
        Refusal disabled = refusalOf(core.admitPublisher(request, reason -> { }).toCompletableFuture());
        core.setStreamEnabled("news", true);
        CompletionStage<Publication> third = core.admitPublisher(request, reason -> { });

        assertThat(denied.message()).isEqualTo("not today");
        assertThat(disabled.message()).contains("disabled");
        assertThat(third.toCompletableFuture().get(5, TimeUnit.SECONDS).streamCode()).isEqualTo("news");
    }
}
