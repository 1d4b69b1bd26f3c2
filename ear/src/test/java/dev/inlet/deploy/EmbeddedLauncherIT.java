package dev.inlet.deploy;

import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command's launcher ({@code dev.inlet.embedded.EmbeddedInlet}, what {@code run.sh} starts) as an operator
 * meets it: stopped with SIGTERM while real players watch, and killed with SIGKILL in the middle of a recording and
 * started again while an encoder reconnects. Started exactly as {@code run.sh} starts it, from the jar and class path the launcher module built.
 */
class EmbeddedLauncherIT {

    private static final String DEMO_KEY = "launcher-it-Key-9fQ2xVb7";
    private static final String ADMIN_PASSWORD = "launcher-it-Admin-pw-4";
    private static final String CLUSTER_SECRET = "launcher-it-cluster-secret-7Hq2";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final DeployTestEnvironment environment = DeployTestEnvironment.fromSystemProperties();
    private final Path work = environment.workDirectory().resolve("launcher");
    private final List<LoggedProcess> processes = new ArrayList<>();
    /** The SRT and HTTP ports of the launcher started last. */
    private int srtPort;
    private int httpPort;

    @AfterEach
    void killLeftovers() {
        for (LoggedProcess process : processes) {
            if (process.isAlive()) {
                process.kill();
            }
        }
    }

    @Test
    @Timeout(600)
    void sigtermTellsEveryPlayerTheStreamEndedReleasesTheLeasesAndLogsItAll() throws Exception {
        Path dataDir = freshDirectory("sigterm");
        int rtmpPort = freePort();
        LoggedProcess inlet = startLauncher(dataDir, rtmpPort, "sigterm", Map.of());
        // The data directory holds the key hashes (inlet.mv.db) and the API users' hashes: owner-only.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("inlet.mv.db"))))
                .isEqualTo("rw-------");
        LoggedProcess encoder = start("sigterm-encoder", publishCommand(rtmpPort));
        awaitLog(encoder, "frame=", Duration.ofSeconds(30));

        Path recording = work.resolve("sigterm-played.flv");
        LoggedProcess ffmpegPlayer = start("sigterm-ffmpeg-player", List.of(environment.ffmpeg(), "-hide_banner",
                "-nostdin", "-y", "-loglevel", "info", "-rw_timeout", "10000000",
                "-i", "rtmp://127.0.0.1:" + rtmpPort + "/live/demo", "-c", "copy", "-f", "flv", recording.toString()));
        try (RtmpClient player = RtmpClient.connect("127.0.0.1", rtmpPort, "live", Duration.ofSeconds(10))) {
            assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
            assertThat(player.nextMedia(Duration.ofSeconds(10))).as("media reaches the project's player").isNotNull();
            assertThat(TcpPorts.poll(() -> size(recording) > 20_000, Duration.ofSeconds(30)))
                    .as("ffmpeg records the stream; its log:\n%s", LogTail.of(ffmpegPlayer.log(), 30)).isTrue();

            inlet.terminate();

            assertThat(awaitStatus(player, NetStatus.PLAY_UNPUBLISH_NOTIFY))
                    .as("the project's player is told the stream was unpublished").isTrue();
            assertThat(awaitStatus(player, NetStatus.PLAY_STOP)).as("and that playing stopped").isTrue();
        }
        CommandResult played = ffmpegPlayer.awaitExit(Duration.ofSeconds(30));
        assertThat(played.succeeded()).as("ffmpeg's player ends by itself: %s", played.report()).isTrue();
        String playerLog = Files.readString(ffmpegPlayer.log(), StandardCharsets.UTF_8);
        assertThat(playerLog).as("ffmpeg saw an end of stream, not a broken connection")
                .doesNotContain("Connection reset").doesNotContain("Input/output error");
        assertThat(probe(recording)).contains("h264");

        assertThat(inlet.waitFor(Duration.ofSeconds(90))).as("the launcher exits after SIGTERM").isTrue();
        String log = Files.readString(inlet.log(), StandardCharsets.UTF_8);
        assertThat(log).as("the application's own shutdown lines are in the log")
                .contains("stopping: 1 stream(s) ended, 2 player(s) told")
                .contains("lease(s) released")
                .contains("RTMP listener stopped")
                .contains("Inlet: stopped");
        assertThat(log.indexOf("RTMP listener stopped"))
                .as("the streams end and the transport closes before the registry lets go of the database")
                .isLessThan(log.lastIndexOf("lease(s) released"));
        assertThat(log).doesNotContain("Database is already closed");
        Path trace = dataDir.resolve("inlet.trace.db");
        if (Files.exists(trace)) {
            assertThat(Files.readString(trace)).doesNotContain("already closed");
        }
        encoder.kill();
    }

    /**
     * Also issue 15's crash: the demo stream is recorded (every stream is, with {@code inlet.recording.default}); the
     * SIGKILL comes in the middle of the recording, and the restarted node recovers it from its fragments, marks it
     * so, and the recovered MP4 decodes up to the last fragment written.
     */
    @Test
    @Timeout(600)
    void aNodeKilledAndStartedAgainTakesItsEncoderBackAtOnceOverRtmpOrSrtAndRecoversItsRecording() throws Exception {
        Path dataDir = freshDirectory("restart");
        int rtmpPort = freePort();
        // Leases outlive the whole test: the restarted node gets the stream back only by freeing its own.
        Map<String, String> lives = Map.of("INLET_REGISTRY_LEASE_TIMEOUT_SECONDS", "900",
                "INLET_RECORDING_DEFAULT", "true", "INLET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        LoggedProcess first = startLauncher(dataDir, rtmpPort, "restart-1", lives);
        LoggedProcess encoder = start("restart-encoder-1", publishCommand(rtmpPort));
        awaitLog(encoder, "frame=", Duration.ofSeconds(30));
        assertThat(TcpPorts.poll(() -> LogTail.contains(first.log(), "over rtmp started"), Duration.ofSeconds(20)))
                .as("the first life registers the publish").isTrue();
        Path recordings = dataDir.resolve("recordings").resolve("demo");
        assertThat(TcpPorts.poll(() -> partBytes(recordings) > 150_000, Duration.ofSeconds(30)))
                .as("the first life writes the recording's fragments into %s; its log ends with:%n%s", recordings,
                        LogTail.of(first.log(), 30)).isTrue();

        first.killAbruptly();
        encoder.kill();
        assertThat(TcpPorts.awaitFree(rtmpPort, Duration.ofSeconds(20))).isTrue();

        LoggedProcess second = startLauncher(dataDir, rtmpPort, "restart-2", lives);
        // The encoder comes back over SRT: the same key and lease, and libsrt loaded through JNA inside Payara.
        LoggedProcess again = start("restart-encoder-2", srtPublishCommand(srtPort));
        awaitLog(again, "frame=", Duration.ofSeconds(30));
        assertThat(TcpPorts.poll(() -> LogTail.contains(second.log(), "over srt started"), Duration.ofSeconds(20)))
                .as("the restarted node accepts the encoder again; its log ends with:\n%s",
                        LogTail.of(second.log(), 40))
                .isTrue();
        assertThat(Files.readString(second.log(), StandardCharsets.UTF_8)).doesNotContain("publish_stream_busy");

        String api = "http://127.0.0.1:" + httpPort + "/api/v1/recordings?stream=demo";
        assertThat(TcpPorts.poll(() -> get(api).contains("\"state\":\"Recovered\""), Duration.ofSeconds(30)))
                .as("the recording the kill interrupted is recovered: %s; the log ends with:%n%s", get(api),
                        LogTail.of(second.log(), 30)).isTrue();
        Path recovered;
        try (var files = Files.list(recordings)) {
            recovered = files.filter(f -> f.toString().endsWith(".mp4")).findFirst().orElseThrow();
        }
        assertThat(probe(recovered)).contains("h264", "aac");
        LoggedProcess decode = start("decode-recovered", List.of(environment.ffmpeg(), "-hide_banner", "-nostdin",
                "-v", "error", "-i", recovered.toString(), "-f", "null", "-"));
        CommandResult decoded = decode.awaitExit(Duration.ofSeconds(60));
        assertThat(decoded.succeeded()).as(decoded.report()).isTrue();
        assertThat(Files.readString(decoded.log(), StandardCharsets.UTF_8)).as("decoding the recovered recording").isBlank();
        again.kill();
        second.terminate();
        second.waitFor(Duration.ofSeconds(90));
    }

    /**
     * Issue 16's run command for a cluster: two launchers on one PostgreSQL ({@code INLET_DB_URL}, their own
     * {@code INLET_NODE_NAME}) share the streams an administrator creates on either, and the one-publisher rule: the
     * demo key live on node A is refused on node B until A's encoder goes; and one control plane: node B lists node
     * A's sessions, a kick issued on B disconnects a player on A, and the publish blocklist is shared; and play
     * anywhere ({@link #playAnywhere}), with the same {@code INLET_CLUSTER_SECRET} on both.
     */
    @Test
    @Timeout(600)
    void twoNodesStartedOnOnePostgresqlShareStreamsAndOnePublisherPerInput() throws Exception {
        String url = System.getenv().getOrDefault("INLET_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/inlet_test?user=inlet&password=inlet");
        LoggedProcess empty = start("empty-database", List.of("psql", url.substring("jdbc:".length()), "-qc",
                "DROP TABLE IF EXISTS inlet_blocked_address, inlet_node_command, inlet_node_session, inlet_node, inlet_relay_target,"
                        + " inlet_recording_policy, inlet_recording, inlet_publisher_lease, inlet_stream_key, inlet_stream,"
                        + " inlet_schema_history"));
        CommandResult emptied = empty.awaitExit(Duration.ofSeconds(30));
        assertThat(emptied.succeeded()).as("the test database (.ci/databases.sh starts it): %s", emptied.report()).isTrue();
        int rtmpA = freePort();
        int rtmpB = freePort();
        LoggedProcess nodeA = startLauncher(freshDirectory("node-a"), rtmpA, "node-a", Map.of("INLET_DB_URL", url,
                "INLET_NODE_NAME", "it-node-a", "INLET_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "INLET_CLUSTER_SECRET", CLUSTER_SECRET));
        int httpA = httpPort;
        assertThat(Files.readString(nodeA.log(), StandardCharsets.UTF_8)).contains("database: jdbc:postgresql:", "node it-node-a")
                .doesNotContain("password=inlet");
        LoggedProcess nodeB = startLauncher(freshDirectory("node-b"), rtmpB, "node-b", Map.of("INLET_DB_URL", url,
                "INLET_NODE_NAME", "it-node-b", "INLET_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "INLET_CLUSTER_SECRET", CLUSTER_SECRET));
        int httpB = httpPort;
        int srtB = srtPort;

        assertThat(send("POST", "http://127.0.0.1:" + httpA + "/api/v1/streams", "{\"code\":\"cluster-shared\"}"))
                .startsWith("201");
        assertThat(send("GET", "http://127.0.0.1:" + httpB + "/api/v1/streams", null))
                .as("node B sees the stream created on node A").contains("\"code\":\"cluster-shared\"");

        LoggedProcess onA = start("cluster-encoder-a", publishCommand(rtmpA));
        awaitLog(onA, "frame=", Duration.ofSeconds(30));
        assertThat(TcpPorts.poll(() -> LogTail.contains(nodeA.log(), "over rtmp started"), Duration.ofSeconds(20))).isTrue();
        LoggedProcess refused = start("cluster-encoder-b-refused", publishCommand(rtmpB));
        CommandResult busy = refused.awaitExit(Duration.ofSeconds(30));
        assertThat(busy.succeeded()).as("the same input published on node B while live on node A").isFalse();
        assertThat(TcpPorts.poll(() -> LogTail.contains(nodeB.log(), "already publishing"), Duration.ofSeconds(10)))
                .as("node B's log ends with:%n%s", LogTail.of(nodeB.log(), 20)).isTrue();

        // One control plane: node B lists node A's sessions, and a kick issued on B disconnects a player on A.
        LoggedProcess playerOnA = start("cluster-player-a", List.of(environment.ffmpeg(), "-hide_banner", "-nostdin",
                "-loglevel", "info", "-rw_timeout", "5000000", "-i", "rtmp://127.0.0.1:" + rtmpA + "/live/demo",
                "-t", "240", "-c", "copy", "-f", "null", "-"));
        java.util.concurrent.atomic.AtomicReference<String> listedOnB = new java.util.concurrent.atomic.AtomicReference<>("");
        assertThat(TcpPorts.poll(() -> {
            listedOnB.set(send("GET", "http://127.0.0.1:" + httpB + "/api/v1/sessions", null));
            return listedOnB.get().matches("(?s).*\"players\":\\[\\{[^\\]]*\"node\":\"it-node-a\".*");
        }, Duration.ofSeconds(30))).as("node B lists node A's player; it answered %s", listedOnB.get()).isTrue();
        assertThat(listedOnB.get()).as("and node A's publisher").matches("(?s).*\"publishers\":\\[\\{[^\\]]*\"node\":\"it-node-a\".*");
        assertThat(send("GET", "http://127.0.0.1:" + httpB + "/api/v1/streams/demo", null))
                .as("node B's detail of the stream: its input lives on node A, with A's player")
                .contains("\"live\":true", "\"node\":\"it-node-a\"", "\"players\":1");
        assertThat(send("GET", "http://127.0.0.1:" + httpA + "/api/v1/sessions", null)).as("node A names itself")
                .contains("\"node\":\"it-node-a\"");
        java.util.regex.Matcher player = java.util.regex.Pattern.compile("\"players\":\\[\\{[^}]*\"id\":\"([^\"]+)\"")
                .matcher(listedOnB.get());
        assertThat(player.find()).isTrue();
        assertThat(send("DELETE", "http://127.0.0.1:" + httpB + "/api/v1/sessions/" + player.group(1) + "?node=it-node-a",
                null)).as("a kick of node A's player, on node B").startsWith("202");
        CommandResult kicked = playerOnA.awaitExit(Duration.ofSeconds(20));
        assertThat(kicked.timedOut()).as("the player on node A is disconnected: %s", kicked.report()).isFalse();
        assertThat(TcpPorts.poll(() -> LogTail.contains(nodeA.log(), "cluster command KICK"), Duration.ofSeconds(5)))
                .as("node A's log ends with:%n%s", LogTail.of(nodeA.log(), 20)).isTrue();

        onA.kill();
        LoggedProcess onB = start("cluster-encoder-b", publishCommand(rtmpB));
        awaitLog(onB, "frame=", Duration.ofSeconds(30));
        assertThat(TcpPorts.poll(() -> LogTail.contains(nodeB.log(), "over rtmp started"), Duration.ofSeconds(30)))
                .as("node B takes the input once node A's encoder is gone; its log ends with:%n%s", LogTail.of(nodeB.log(), 20))
                .isTrue();
        onB.kill();

        // The publish blocklist is shared: an address that failed too often on node A is refused by node B too, and
        // unblocking it on node B lifts it on node A.
        for (int attempt = 0; attempt < 12; attempt++) {
            start("cluster-wrong-key-" + attempt, List.of(environment.ffmpeg(), "-hide_banner", "-nostdin",
                    "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=5", "-t", "1",
                    "-c:v", "libx264", "-preset", "ultrafast", "-f", "flv",
                    "rtmp://127.0.0.1:" + rtmpA + "/live/not-a-key-" + attempt)).awaitExit(Duration.ofSeconds(20));
        }
        assertThat(TcpPorts.poll(() -> send("GET", "http://127.0.0.1:" + httpA + "/api/v1/blocked-addresses", null)
                .contains("\"address\":\"127.0.0.1\""), Duration.ofSeconds(10))).as("node A blocks the address").isTrue();
        assertThat(TcpPorts.poll(() -> send("GET", "http://127.0.0.1:" + httpB + "/api/v1/blocked-addresses", null)
                .contains("\"address\":\"127.0.0.1\""), Duration.ofSeconds(10)))
                .as("node B refuses it too; its log ends with:%n%s", LogTail.of(nodeB.log(), 20)).isTrue();
        assertThat(send("DELETE", "http://127.0.0.1:" + httpB + "/api/v1/blocked-addresses/127.0.0.1", null))
                .startsWith("204");
        assertThat(TcpPorts.poll(() -> send("GET", "http://127.0.0.1:" + httpA + "/api/v1/blocked-addresses", null)
                .equals("200 []"), Duration.ofSeconds(10))).as("unblocked on node B, lifted on node A").isTrue();

        playAnywhere(nodeA, nodeB, rtmpA, rtmpB, httpA, httpB, srtB);

        nodeB.terminate();
        nodeB.waitFor(Duration.ofSeconds(90));
    }

    /**
     * Issue 16's play anywhere, on the two nodes: B's players (RTMP and HTTP-FLV) of a stream published on A are fed
     * by one pull of A; they keep playing when A's encoder goes and the backup starts on B, when the primary comes
     * back on A (B pulls it again), and when node A dies (B's own backup again). Each player's recording decodes,
     * H.264 and AAC, on one timeline. Ends with node A killed.
     */
    private void playAnywhere(LoggedProcess nodeA, LoggedProcess nodeB, int rtmpA, int rtmpB, int httpA, int httpB,
                              int srtB) throws Exception {
        String apiA = "http://127.0.0.1:" + httpA + "/api/v1";
        String apiB = "http://127.0.0.1:" + httpB + "/api/v1";
        String issued = send("POST", apiA + "/streams/demo/keys", "{\"priority\":2}");
        java.util.regex.Matcher keyField = java.util.regex.Pattern.compile("\"key\":\"([^\"]+)\"").matcher(issued);
        assertThat(keyField.find()).as("a backup key: %s", issued).isTrue();
        String backupKey = keyField.group(1);
        assertThat(Files.readString(nodeB.log(), StandardCharsets.UTF_8)).contains("edge pulls are on");

        LoggedProcess primary = start("edge-primary-a", publishCommand(rtmpA, DEMO_KEY));
        awaitLog(primary, "frame=", Duration.ofSeconds(30));
        assertThat(TcpPorts.poll(() -> send("GET", apiA + "/sessions", null).contains("\"publishers\":[{"),
                Duration.ofSeconds(20))).isTrue();
        // An HLS viewer on B is the first reader there: its request starts B's pull of the stream.
        String playlist = get("http://127.0.0.1:" + httpB + "/live/demo/index.m3u8");
        assertThat(playlist).as("node B's HLS of the stream published on node A").startsWith("#EXTM3U")
                .contains("#EXT-X-STREAM-INF");
        Files.createDirectories(work);
        Path overRtmp = work.resolve("edge-rtmp-" + RUNS.incrementAndGet() + ".flv");
        Path overHttp = work.resolve("edge-http-" + RUNS.incrementAndGet() + ".flv");
        Files.deleteIfExists(overRtmp); // from an earlier run in the same directory
        Files.deleteIfExists(overHttp);
        long playStart = System.nanoTime();
        LoggedProcess rtmpPlayer = start("edge-player-rtmp", recordCommand("rtmp://127.0.0.1:" + rtmpB + "/live/demo", overRtmp));
        LoggedProcess httpPlayer = start("edge-player-http", recordCommand("http://127.0.0.1:" + httpB + "/live/demo.flv", overHttp));
        assertThat(TcpPorts.poll(() -> size(overRtmp) > 60_000 && size(overHttp) > 60_000, Duration.ofSeconds(30)))
                .as("node B's players get the stream published on node A; B's log ends with:%n%s",
                        LogTail.of(nodeB.log(), 20)).isTrue();
        Path overSrt = work.resolve("edge-srt-" + RUNS.incrementAndGet() + ".ts");
        CommandResult srt = start("edge-player-srt", List.of(environment.ffmpeg(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "info", "-i", "srt://127.0.0.1:" + srtB + "?streamid=read:demo&latency=120000",
                "-t", "3", "-c", "copy", "-f", "mpegts", overSrt.toString())).awaitExit(Duration.ofSeconds(30));
        assertThat(srt.succeeded()).as("an SRT reader of node B: %s", srt.report()).isTrue();
        assertThat(probe(overSrt)).as("what node B sent over SRT").contains("h264", "aac");
        String onA = send("GET", apiA + "/sessions", null);
        assertThat(occurrences(onA, "\"protocol\":\"edge\"")).as("one pull for both of B's players: %s", onA)
                .isEqualTo(1);
        assertThat(get("http://127.0.0.1:" + httpB + "/metrics")).as("node B's metrics")
                .contains("inlet_edge_pulls 1.0", "inlet_edge_pull_failures_total 0.0");
        assertThat(send("GET", apiB + "/sessions", null)).as("B's own players, listed on B")
                .contains("\"protocol\":\"rtmp\"", "\"protocol\":\"http-flv\"");

        // A's encoder goes; the backup starts on node B: B's players continue.
        primary.kill();
        LoggedProcess backup = start("edge-backup-b", publishCommand(rtmpB, backupKey));
        awaitGrowth(overRtmp, overHttp, "after the backup started on node B", nodeB);
        assertThat(TcpPorts.poll(() -> !send("GET", apiA + "/sessions", null).contains("\"protocol\":\"edge\""),
                Duration.ofSeconds(15))).as("B no longer pulls from A").isTrue();

        // The primary comes back on node A: B's players follow it there (a failback across the nodes).
        LoggedProcess primaryAgain = start("edge-primary-a-again", publishCommand(rtmpA, DEMO_KEY));
        awaitLog(primaryAgain, "frame=", Duration.ofSeconds(30));
        assertThat(TcpPorts.poll(() -> send("GET", apiA + "/sessions", null).contains("\"protocol\":\"edge\""),
                Duration.ofSeconds(30))).as("B pulls the primary from A again; B's log ends with:%n%s",
                LogTail.of(nodeB.log(), 20)).isTrue();
        assertThat(TcpPorts.poll(() -> send("GET", apiB + "/streams/demo", null).contains("\"activePriority\":1"),
                Duration.ofSeconds(15))).as("B's players see the primary").isTrue();

        // A play that claims to be a pull but lacks the cluster secret is refused by the origin.
        CommandResult forged = start("edge-forged-pull", List.of(environment.ffmpeg(), "-hide_banner", "-nostdin",
                "-loglevel", "info", "-rw_timeout", "10000000", "-i",
                "rtmp://127.0.0.1:" + rtmpA + "/live/demo?edge=node-x.9999999999.Zm9yZ2Vk", "-t", "2", "-f", "null", "-"))
                .awaitExit(Duration.ofSeconds(30));
        assertThat(forged.succeeded()).as("a pull without the secret plays nothing: %s", forged.report()).isFalse();
        assertThat(TcpPorts.poll(() -> LogTail.contains(nodeA.log(), "edge pull of demo by node node-x"),
                Duration.ofSeconds(10))).as("node A's log ends with:%n%s", LogTail.of(nodeA.log(), 20)).isTrue();

        // Node A dies: B's players continue on the backup, live on B.
        nodeA.killAbruptly();
        awaitGrowth(overRtmp, overHttp, "after node A died", nodeB);
        assertThat(TcpPorts.poll(() -> send("GET", apiB + "/streams/demo", null).contains("\"activePriority\":2"),
                Duration.ofSeconds(15))).as("B's players see the backup").isTrue();
        assertThat(rtmpPlayer.isAlive() && httpPlayer.isAlive()).as("both players played throughout").isTrue();

        double playedSeconds = (System.nanoTime() - playStart) / 1e9;
        rtmpPlayer.terminate();
        httpPlayer.terminate();
        rtmpPlayer.waitFor(Duration.ofSeconds(20));
        httpPlayer.waitFor(Duration.ofSeconds(20));
        backup.kill();
        primaryAgain.kill();
        for (Path recording : List.of(overRtmp, overHttp)) {
            assertThat(probe(recording)).as(recording.toString()).contains("h264", "aac");
            assertThat(durationOf(recording)).as("%s: one timeline across the switches", recording)
                    .isGreaterThan(playedSeconds * 0.5);
            CommandResult decoded = start("edge-decode", List.of(environment.ffmpeg(), "-hide_banner", "-nostdin",
                    "-v", "error", "-i", recording.toString(), "-f", "null", "-")).awaitExit(Duration.ofSeconds(60));
            assertThat(decoded.succeeded()).as("%s decodes: %s", recording, decoded.report()).isTrue();
        }
    }

    private List<String> recordCommand(String source, Path recording) {
        return List.of(environment.ffmpeg(), "-hide_banner", "-nostdin", "-y", "-loglevel", "info", "-rw_timeout", "30000000",
                "-i", source, "-t", "240", "-c", "copy", "-f", "flv", recording.toString());
    }

    /** Both players' recordings grow by at least 100 kB within 30 s: they are still being fed. */
    private static void awaitGrowth(Path first, Path second, String when, LoggedProcess node) {
        long a = size(first);
        long b = size(second);
        assertThat(TcpPorts.poll(() -> size(first) > a + 100_000 && size(second) > b + 100_000, Duration.ofSeconds(30)))
                .as("node B's players continue %s (%d, %d bytes); B's log ends with:%n%s", when, size(first),
                        size(second), LogTail.of(node.log(), 30)).isTrue();
    }

    private double durationOf(Path recording) throws IOException {
        CommandResult result = start("ffprobe-duration", List.of(environment.ffprobe(), "-v", "error", "-show_entries",
                "format=duration", "-of", "default=nw=1:nk=1", recording.toString())).awaitExit(Duration.ofSeconds(30));
        assertThat(result.succeeded()).as(result.report()).isTrue();
        return Double.parseDouble(Files.readString(result.log(), StandardCharsets.UTF_8).strip());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static String send(String method, String url, String json) {
        try {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
            if (json != null) {
                request = request.header("Content-Type", "application/json")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json));
            } else {
                request = request.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
            }
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** Bytes of the fragmented (live) recording files in {@code directory}. */
    private static long partBytes(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".mp4.part")).mapToLong(EmbeddedLauncherIT::size).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String get(String url) {
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private LoggedProcess startLauncher(Path dataDir, int rtmpPort, String name, Map<String, String> extraEnvironment)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "INLET_DATA_DIR", dataDir.toString(),
                "INLET_RTMP_PORT", Integer.toString(rtmpPort),
                "INLET_SRT_PORT", Integer.toString(srtPort = freeUdpPort()),
                "INLET_HTTP_PORT", Integer.toString(httpPort = freePort()),
                "INLET_HTTP_HOST", "127.0.0.1",
                "INLET_DEMO_KEY", DEMO_KEY));
        env.putAll(extraEnvironment);
        LoggedProcess inlet = EmbeddedLauncher.start(environment, env, work.resolve(name + "-" + RUNS.incrementAndGet() + ".log"));
        processes.add(inlet);
        return inlet;
    }

    private LoggedProcess start(String name, List<String> command) {
        LoggedProcess process = LoggedProcess.start(command, Map.of(), work.resolve(name + "-" + RUNS.incrementAndGet() + ".log"));
        processes.add(process);
        return process;
    }

    private List<String> publishCommand(int rtmpPort) {
        return publishCommand(rtmpPort, DEMO_KEY);
    }

    private List<String> publishCommand(int rtmpPort, String key) {
        return List.of(environment.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "info",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-re", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "300", // a bound, should the test fail to stop it
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/live/" + key);
    }

    private List<String> srtPublishCommand(int port) {
        return List.of(environment.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "info",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-re", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "300",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-f", "mpegts", "srt://127.0.0.1:" + port + "?streamid=publish:" + DEMO_KEY + "&latency=120000");
    }

    private static boolean awaitStatus(RtmpClient player, String code) {
        try {
            CommandMessage status = player.awaitCommand(c -> c.name().equals("onStatus")
                    && String.valueOf(c.arguments()).contains(code));
            return status != null;
        } catch (IOException closedOrTimedOut) {
            return false;
        }
    }

    private static void awaitLog(LoggedProcess process, String marker, Duration limit) {
        assertThat(TcpPorts.poll(() -> !process.isAlive() || LogTail.contains(process.log(), marker), limit)
                && process.isAlive())
                .as("%s appears in %s, which ends with:\n%s", marker, process.log(), LogTail.of(process.log(), 30))
                .isTrue();
    }

    private List<String> probe(Path recording) throws IOException {
        LoggedProcess probe = start("ffprobe", List.of(environment.ffprobe(), "-v", "error", "-show_streams", "-of",
                "json", recording.toString()));
        CommandResult result = probe.awaitExit(Duration.ofSeconds(30));
        assertThat(result.succeeded()).as(result.report()).isTrue();
        return StreamProbe.codecNames(Files.readString(result.log(), StandardCharsets.UTF_8));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private Path freshDirectory(String name) throws IOException {
        Files.createDirectories(work);
        return work.resolve(name + "-data-" + RUNS.incrementAndGet()); // the launcher creates it, owner-only
    }

    private static int freeUdpPort() {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
