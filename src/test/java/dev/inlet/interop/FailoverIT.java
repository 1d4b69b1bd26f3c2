package dev.inlet.interop;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.InputSwitch;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.core.StreamKeys;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.RequiredTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Primary/backup failover with real encoders: two ffmpeg publishers with different pictures (the
 * primary 320x240, the backup 640x360) and one ffmpeg player. The primary stops, then comes back; the
 * player records one continuous stream that decodes without errors and holds pictures of both sources,
 * and the server's recorded switches say what happened.
 */
class FailoverIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern FRAME_SIZE = Pattern.compile(" s:(\\d+x\\d+) ");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String primaryKey = StreamKeys.generate();
    private final String backupKey = StreamKeys.generate();
    private final List<ExternalProcess> processes = new ArrayList<>();
    private RtmpServer server;
    private Path dir;

    @BeforeEach
    void start() throws Exception {
        dir = Path.of("target", "interop-logs", "FailoverIT");
        Files.createDirectories(dir);
        RequiredTools.assertInstalled(dir);
        registry.register("show", 1, primaryKey);
        registry.register("show", 2, backupKey);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        processes.forEach(ExternalProcess::close);
        server.stop();
    }

    @Test
    void playersStayOnOneContinuousStreamWhileThePrimaryStopsAndReturns() throws Exception {
        String base = "rtmp://127.0.0.1:" + server.boundPort() + "/live/";
        ExternalProcess primary = start("primary-1", publish(base + primaryKey, 30, "320x240", "testsrc2"));
        ExternalProcess backup = start("backup", publish(base + backupKey, 30, "640x360", "smptebars"));
        awaitInputs(List.of(1, 2));
        Path recording = dir.resolve("player.flv");
        ExternalProcess player = start("player", List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info",
                "-rw_timeout", "5000000", "-i", "rtmp://127.0.0.1:" + server.boundPort() + "/live/show",
                "-t", "14", "-c", "copy", "-f", "flv", "-y", recording.toString()));

        Thread.sleep(4000);
        primary.close(); // the primary encoder dies (killed, no unpublish)
        awaitActive(2);
        Thread.sleep(4000);
        start("primary-2", publish(base + primaryKey, 30, "320x240", "testsrc2"));
        awaitActive(1);

        assertThat(player.awaitExit()).as(player.describe()).isZero();
        assertThat(backup.isAlive()).as("the backup encoder was never disturbed").isTrue();

        ExternalProcess decode = ExternalProcess.run("decode", dir, TIMEOUT, List.of("ffmpeg", "-hide_banner",
                "-nostdin", "-v", "info", "-i", recording.toString(), "-vf", "showinfo", "-f", "null", "-"));
        assertThat(decode.exitCode()).as(decode.describe()).isZero();
        assertThat(decode.stderr()).as("decoding the recording").doesNotContain("error while decoding", "Invalid data");
        Set<String> sizes = new TreeSet<>();
        Matcher sizesSeen = FRAME_SIZE.matcher(decode.stderr());
        while (sizesSeen.find()) {
            sizes.add(sizesSeen.group(1));
        }
        assertThat(sizes).as("pictures of both sources").contains("320x240", "640x360");

        List<InputSwitch> switches = server.streamStatus("show").switches();
        // the encoder was killed (no unpublish): an error switch to the backup, then failback to the primary
        assertThat(switches).extracting(s -> s.fromPriority() + "->" + s.toPriority() + " " + s.reason())
                .containsSubsequence("1->2 error", "2->1 failback");
    }

    private static List<String> publish(String url, int seconds, String size, String pattern) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", pattern + "=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-g", "25",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", "-rw_timeout", "5000000", url);
    }

    private ExternalProcess start(String name, List<String> command) {
        ExternalProcess process = ExternalProcess.start(name, dir, TIMEOUT, command);
        processes.add(process);
        return process;
    }

    private void awaitInputs(List<Integer> priorities) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!server.streamStatus("show").liveInputs().equals(priorities) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(server.streamStatus("show").liveInputs()).isEqualTo(priorities);
    }

    private void awaitActive(int priority) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (server.streamStatus("show").activePriority() != priority && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(server.streamStatus("show").activePriority()).as(server.streamStatus("show").toString())
                .isEqualTo(priority);
    }
}
