package dev.inlet.interop;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.relay.InMemoryRelayCatalog;
import dev.inlet.relay.RelayState;
import dev.inlet.relay.RelayStatus;
import dev.inlet.relay.RelayTarget;
import dev.inlet.relay.Relays;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.Ffprobe;
import dev.inlet.testing.NginxRtmp;
import dev.inlet.testing.RequiredTools;
import dev.inlet.testing.WorkDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restream with real clients (issue 16): ffmpeg publishes to Inlet, Inlet relays to Debian's nginx-rtmp, ffmpeg plays
 * from nginx (h264 + aac, decodes). A target with a wrong key is retried with backoff and reported failed, a stalled
 * target (it accepts the connection and never answers) fails on its own while the good one is unaffected, and nginx
 * stopped and started again mid-stream gets the relay back, as its state history shows.
 */
class RelayIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String GOOD_KEY = "relay-good-key";

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private final List<ExternalProcess> processes = new ArrayList<>();
    private RtmpServer server;
    private Relays relays;
    private NginxRtmp nginx;
    private Path dir;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        dir = Path.of(System.getProperty("basedir", "."), "target", "interop-logs", "RelayIT",
                test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        WorkDirectories.deleteRecursively(dir);
        Files.createDirectories(dir);
        RequiredTools.assertInstalled(dir);
        registry.register("show", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        relays = new Relays(server.core(), new InMemoryRelayCatalog(code -> true), (target, status) -> { },
                Clock.systemUTC(), Executors.defaultThreadFactory());
        relays.start();
        nginx = NginxRtmp.start(dir, GOOD_KEY::equals);
    }

    @AfterEach
    void stop() {
        processes.forEach(ExternalProcess::close);
        relays.close();
        server.stop();
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void theStreamReachesNginxWhileAWrongKeyAndAStalledTargetFailOnTheirOwn() throws Exception {
        try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RelayTarget good = relays.add("show", "rtmp://127.0.0.1:" + nginx.port() + "/live", GOOD_KEY, true);
            RelayTarget wrong = relays.add("show", "rtmp://127.0.0.1:" + nginx.port() + "/live", "wrong-key", true);
            RelayTarget stuck = relays.add("show", "rtmp://127.0.0.1:" + stalled.getLocalPort() + "/live", "any", true);
            start("publisher", publish(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> relays.status(good.id()).state() == RelayState.LIVE);

            Path played = dir.resolve("from-nginx.flv");
            ExternalProcess player = ExternalProcess.startWhenLive("player", Duration.ofSeconds(20), Duration.ofMillis(1500),
                    attempt -> start("player-try" + attempt, List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel",
                            "info", "-rw_timeout", "5000000", "-i", "rtmp://127.0.0.1:" + nginx.port() + "/live/" + GOOD_KEY,
                            "-t", "6", "-c", "copy", "-f", "flv", "-y", played.toString())));
            assertThat(player.awaitExit()).as(player.describe()).isZero();
            Ffprobe.Probe probe = Ffprobe.probe(played, dir);
            assertThat(probe.codecNames()).as(probe.toString()).contains("h264", "aac");
            assertThat(probe.mediaSeconds()).as(probe.toString()).isGreaterThanOrEqualTo(5.5);
            ExternalProcess decode = ExternalProcess.run("decode", dir, TIMEOUT, List.of("ffmpeg", "-hide_banner",
                    "-nostdin", "-v", "error", "-i", played.toString(), "-f", "null", "-"));
            assertThat(decode.exitCode()).as(decode.describe()).isZero();
            assertThat(decode.stderr()).as("decoding what nginx played").isBlank();

            RelayStatus refused = relays.status(wrong.id());
            assertThat(refused.history().stream().filter(c -> c.state() == RelayState.FAILED).count())
                    .as("retried: %s", refused).isGreaterThanOrEqualTo(2);
            assertThat(refused.reason()).as(refused.toString()).isNotBlank();
            assertThat(refused.state()).isIn(RelayState.FAILED, RelayState.CONNECTING);
            assertThat(refused.bytesSent()).isZero();
            assertThat(relays.failures()).as("counted").isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> relays.status(stuck.id()).history().stream()
                    .anyMatch(c -> c.state() == RelayState.FAILED));
            RelayStatus goodStatus = relays.status(good.id());
            assertThat(goodStatus.state()).as(goodStatus.toString()).isEqualTo(RelayState.LIVE);
            assertThat(goodStatus.history()).extracting(RelayStatus.Change::state)
                    .as("the good target was never disturbed").doesNotContain(RelayState.FAILED);
            assertThat(goodStatus.bytesSent()).isGreaterThan(100_000);
        }
    }

    @Test
    void nginxStoppedAndStartedAgainGetsTheRelayBack() throws Exception {
        RelayTarget target = relays.add("show", "rtmp://127.0.0.1:" + nginx.port() + "/live", GOOD_KEY, true);
        start("publisher", publish(40));
        await().atMost(Duration.ofSeconds(20)).until(() -> relays.status(target.id()).state() == RelayState.LIVE);
        int port = nginx.port();

        nginx.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> relays.status(target.id()).state() != RelayState.LIVE);
        nginx = NginxRtmp.start(dir.resolve("second"), GOOD_KEY::equals, port);
        await().atMost(Duration.ofSeconds(30)).until(() -> relays.status(target.id()).state() == RelayState.LIVE);

        Path played = dir.resolve("after-restart.flv");
        ExternalProcess player = ExternalProcess.startWhenLive("player", Duration.ofSeconds(20), Duration.ofMillis(1500),
                attempt -> start("player-try" + attempt, List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel",
                        "info", "-rw_timeout", "5000000", "-i", "rtmp://127.0.0.1:" + port + "/live/" + GOOD_KEY,
                        "-t", "4", "-c", "copy", "-f", "flv", "-y", played.toString())));
        assertThat(player.awaitExit()).as(player.describe()).isZero();
        assertThat(Ffprobe.probe(played, dir).codecNames()).contains("h264", "aac");
        assertThat(relays.status(target.id()).history()).extracting(RelayStatus.Change::state)
                .as("the state history tells of the reconnection")
                .containsSubsequence(RelayState.LIVE, RelayState.FAILED, RelayState.LIVE);
    }

    private List<String> publish(int seconds) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-g", "25",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", "-rw_timeout", "5000000",
                "rtmp://127.0.0.1:" + server.boundPort() + "/live/" + key);
    }

    private ExternalProcess start(String name, List<String> command) {
        ExternalProcess process = ExternalProcess.start(name, dir, TIMEOUT, command);
        processes.add(process);
        return process;
    }
}
