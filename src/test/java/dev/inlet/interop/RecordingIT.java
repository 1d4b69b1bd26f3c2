package dev.inlet.interop;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.recording.InMemoryRecordingCatalog;
import dev.inlet.recording.RecordingInfo;
import dev.inlet.recording.RecordingListener;
import dev.inlet.recording.RecordingPolicy;
import dev.inlet.recording.RecordingSettings;
import dev.inlet.recording.RecordingState;
import dev.inlet.recording.Recordings;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.Ffprobe;
import dev.inlet.testing.RequiredTools;
import dev.inlet.testing.WorkDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recordings with real encoders (issue 15): a failover during a recording (primary killed, backup takes over,
 * primary back) gives one recording that decodes end to end with the pictures of both sources; a disk that fills
 * (a 1 MiB tmpfs mounted under the recording directory) fails the recording cleanly while a real player keeps
 * receiving the live stream.
 */
class RecordingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern FRAME_SIZE = Pattern.compile(" s:(\\d+x\\d+) ");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String primaryKey = StreamKeys.generate();
    private final String backupKey = StreamKeys.generate();
    private final List<ExternalProcess> processes = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final InMemoryRecordingCatalog catalog = new InMemoryRecordingCatalog(code -> true);
    private RtmpServer server;
    private Recordings recordings;
    private Path dir;
    private Path mounted;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        dir = Path.of(System.getProperty("basedir", "."), "target", "interop-logs", "RecordingIT",
                test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        WorkDirectories.deleteRecursively(dir);
        Files.createDirectories(dir);
        RequiredTools.assertInstalled(dir);
        registry.register("show", 1, primaryKey);
        registry.register("show", 2, backupKey);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
    }

    private void record(Path directory) throws Exception {
        recordings = new Recordings(server.core(), catalog, RecordingSettings.defaults(directory, "node-it"),
                new RecordingListener() {
                    @Override
                    public void finished(RecordingInfo recording) {
                        events.add("finished " + recording.state());
                    }

                    @Override
                    public void failed(RecordingInfo recording, String reason) {
                        events.add("failed: " + reason);
                    }
                }, Clock.systemUTC(), Executors.defaultThreadFactory());
        recordings.start();
        recordings.setPolicy("show", new RecordingPolicy(true, null));
    }

    @AfterEach
    void stop() throws Exception {
        processes.forEach(ExternalProcess::close);
        if (recordings != null) {
            recordings.close();
        }
        server.stop();
        if (mounted != null) {
            ExternalProcess.run("umount", dir, TIMEOUT, List.of("umount", "-l", mounted.toString()));
        }
    }

    @Test
    void aFailoverDuringARecordingGivesOneRecordingThatDecodesEndToEnd() throws Exception {
        record(dir.resolve("recordings"));
        String base = "rtmp://127.0.0.1:" + server.boundPort() + "/live/";
        ExternalProcess primary = start("primary-1", publish(base + primaryKey, 30, "320x240", "testsrc2"));
        ExternalProcess backup = start("backup", publish(base + backupKey, 14, "640x360", "smptebars"));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.streamStatus("show").liveInputs().equals(List.of(1, 2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("show"));

        Thread.sleep(3000);
        primary.close(); // the primary encoder dies (killed, no unpublish)
        await().atMost(Duration.ofSeconds(20)).until(() -> server.streamStatus("show").activePriority() == 2);
        Thread.sleep(3000);
        ExternalProcess primaryAgain = start("primary-2", publish(base + primaryKey, 4, "320x240", "testsrc2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.streamStatus("show").activePriority() == 1);
        // both encoders end their publishes (the primary first, then the backup a few seconds later)
        assertThat(primaryAgain.awaitExit()).as(primaryAgain.describe()).isZero();
        assertThat(backup.awaitExit()).as(backup.describe()).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("finished FINISHED"));
        List<RecordingInfo> all = catalog.list(null, null, null);
        assertThat(all).as("one recording across the failovers").hasSize(1);
        RecordingInfo recording = all.get(0);
        assertThat(recording.state()).isEqualTo(RecordingState.FINISHED);
        assertThat(recording.durationMs()).as("from the first publish to the last").isGreaterThan(9_000);
        Path file = recordings.file(recording).orElseThrow();

        ExternalProcess decode = ExternalProcess.run("decode", dir, TIMEOUT, List.of("ffmpeg", "-hide_banner",
                "-nostdin", "-v", "info", "-i", file.toString(), "-vf", "showinfo", "-f", "null", "-"));
        assertThat(decode.exitCode()).as(decode.describe()).isZero();
        assertThat(decode.stderr()).as("decoding the recording").doesNotContain("error while decoding", "Invalid data");
        Set<String> sizes = new TreeSet<>();
        Matcher sizesSeen = FRAME_SIZE.matcher(decode.stderr());
        while (sizesSeen.find()) {
            sizes.add(sizesSeen.group(1));
        }
        assertThat(sizes).as("pictures of both sources").contains("320x240", "640x360");
        Ffprobe.Probe probe = Ffprobe.probe(file, dir);
        assertThat(probe.codecNames()).contains("h264", "aac");
        assertThat(probe.mediaSeconds()).isGreaterThan(9.0);
    }

    @Test
    void aDiskThatFillsFailsTheRecordingWhileThePlayersKeepReceiving() throws Exception {
        Path recordingDir = dir.resolve("recordings");
        mounted = Files.createDirectories(recordingDir.resolve("show"));
        ExternalProcess mount = ExternalProcess.run("mount", dir, TIMEOUT,
                List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mounted.toString()));
        if (mount.exitCode() != 0) {
            mounted = null;
            throw new AssertionError("this test mounts a 1 MiB tmpfs to fill a disk and needs root (as .ci/test.sh"
                    + " runs): " + mount.describe());
        }
        record(recordingDir);
        String base = "rtmp://127.0.0.1:" + server.boundPort() + "/live/";
        start("publisher", publish(base + primaryKey, 20, "640x360", "testsrc2"));
        Path played = dir.resolve("player.flv");
        ExternalProcess player = ExternalProcess.startWhenLive("player", Duration.ofSeconds(20), Duration.ofMillis(1500),
                attempt -> start("player-try" + attempt, List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel",
                        "info", "-rw_timeout", "5000000", "-i", base + "show", "-t", "12", "-c", "copy", "-f", "flv",
                        "-y", played.toString())));

        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e -> e.startsWith("failed")));
        assertThat(events).anyMatch(e -> e.contains("No space left on device"));
        assertThat(recordings.failures().writeError()).isEqualTo(1);
        assertThat(recordings.isRecording("show")).isFalse();
        RecordingInfo failed = catalog.list("show", null, null).get(0);
        assertThat(failed.state()).isEqualTo(RecordingState.FAILED);
        assertThat(failed.reason()).contains("No space left on device");

        assertThat(player.awaitExit()).as(player.describe()).isZero();
        Ffprobe.Probe probe = Ffprobe.probe(played, dir);
        assertThat(probe.codecNames()).as("the live player kept receiving: %s", probe).contains("h264", "aac");
        assertThat(probe.mediaSeconds()).as("the live player kept receiving: %s", probe).isGreaterThanOrEqualTo(11.0);
    }

    private static List<String> publish(String url, int seconds, String size, String pattern) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", pattern + "=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-g", "25",
                "-b:v", "2M", "-c:a", "aac", "-b:a", "64k", "-f", "flv", "-rw_timeout", "5000000", url);
    }

    private ExternalProcess start(String name, List<String> command) {
        ExternalProcess process = ExternalProcess.start(name, dir, TIMEOUT, command);
        processes.add(process);
        return process;
    }
}
