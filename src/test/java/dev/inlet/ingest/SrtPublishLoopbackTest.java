package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PublisherView;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.srt.SrtServer;
import dev.inlet.ingest.srt.SrtSettings;
import dev.inlet.srt.SrtCaller;
import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SRT publishers go through the stream core: its refusals are the caller's reject codes, it lists and kicks them. */
class SrtPublishLoopbackTest {

    private static final Path LOGS = Path.of("target", "srt-tests");
    private static final Duration CALLER_TIMEOUT = Duration.ofSeconds(40);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;
    private SrtServer srt;
    private String testName;

    @BeforeEach
    void start(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0), server.core(),
                Executors.defaultThreadFactory());
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    @AfterEach
    void stop() {
        srt.stop();
        server.stop();
    }

    private ExternalProcess publish(String streamId, int seconds) {
        return ExternalProcess.start(testName + "-ffmpeg", LOGS, CALLER_TIMEOUT, List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-f", "lavfi", "-i", "sine", "-t",
                String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-f", "mpegts", "srt://127.0.0.1:" + srt.port() + "?streamid=" + streamId
                        + "&latency=120000"));
    }

    private PublisherView awaitSrtPublisher() {
        await().atMost(Duration.ofSeconds(15)).until(() -> server.publishers().size() == 1 && srt.openConnections() == 1);
        return server.publishers().get(0);
    }

    @Test
    void anUnknownKeyIsRejectedWithNotFoundAndCountedLikeAnRtmpOne() throws Exception {
        assertThat(SrtCaller.rejectionOf(srt.port(), "publish:wrong-key")).isEqualTo(1404);

        assertThat(server.rejectReasons()).containsEntry("publish_unknown_key", 1L);
        assertThat(server.publishers()).isEmpty();
    }

    @Test
    void aModeNeitherPublishNorRequestIsRefusedAsABadMode() throws Exception {
        assertThat(SrtCaller.rejectionOf(srt.port(), "#!::r=demo,m=bidirectional")).isEqualTo(1405);
    }

    @Test
    void anUnreadableStreamIdIsABadRequest() throws Exception {
        assertThat(SrtCaller.rejectionOf(srt.port(), "what:ever")).isEqualTo(1400);
    }

    @Test
    void aDeniedPublishIsForbidden() throws Exception {
        server.setPublishAuthorizer(attempt -> CompletableFuture.completedFuture(Optional.of("not today")));

        assertThat(SrtCaller.rejectionOf(srt.port(), "#!::r=live/" + key + ",m=publish")).isEqualTo(1403);
        assertThat(server.rejectReasons()).containsEntry("publish_denied", 1L);
        assertThat(server.publishers()).isEmpty();
    }

    @Test
    void anAuthoriserSlowerThanTheHandshakeBoundIsUnavailableAndLeavesTheInputFree() throws Exception {
        server.setPublishAuthorizer(attempt -> CompletableFuture.supplyAsync(() -> Optional.<String>empty(),
                CompletableFuture.delayedExecutor(4, java.util.concurrent.TimeUnit.SECONDS)));

        assertThat(SrtCaller.rejectionOf(srt.port(), "publish:" + key)).isEqualTo(1503);
        // The core's late "yes" (2 s later) is undone: nothing stays listed, and the key can publish again.
        Thread.sleep(2_500);
        assertThat(server.publishers()).isEmpty();
        server.setPublishAuthorizer(null);
        assertThat(SrtCaller.rejectionOf(srt.port(), "publish:" + key)).as("connected").isEqualTo(-1);
    }

    @Test
    void aBusyInputIsAConflictAndTheSrtPublisherIsListedAsSrt() throws Exception {
        try (ExternalProcess ffmpeg = publish("publish:" + key, 20)) {
            PublisherView publisher = awaitSrtPublisher();
            assertThat(publisher.protocol()).isEqualTo("srt");
            assertThat(publisher.streamCode()).isEqualTo("demo");
            assertThat(publisher.remoteAddress()).startsWith("127.0.0.1:");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.publishers().get(0).bytesIn() > 10_000);

            assertThat(SrtCaller.rejectionOf(srt.port(), "publish:live/" + key)).isEqualTo(1409);
            assertThat(server.rejectReasons()).containsEntry("publish_stream_busy", 1L);
            assertThat(ffmpeg.isAlive()).isTrue();
        }
    }

    @Test
    void kickingTheSrtPublisherClosesItsConnection() {
        try (ExternalProcess ffmpeg = publish("publish:" + key, 30)) {
            PublisherView publisher = awaitSrtPublisher();

            assertThat(server.kick(publisher.id(), "kicked by test")).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> srt.openConnections() == 0);
            assertThat(server.publishers()).isEmpty();
            // ffmpeg notices the closed connection (after libsrt's peer idle timeout at the latest) and fails.
            assertThat(ffmpeg.awaitExit(Duration.ofSeconds(20))).as(ffmpeg.describe()).isTrue();
            assertThat(ffmpeg.exitCode()).as(ffmpeg.describe()).isNotZero();
        }
    }
}
