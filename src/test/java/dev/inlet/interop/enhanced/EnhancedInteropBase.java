package dev.inlet.interop.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.media.TrackInfo;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.WorkDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Inlet's engine in the test JVM and ffmpeg 7.1 as encoder and player, for the Enhanced RTMP codecs. Client logs go
 * to {@code target/interop-logs/<class>/<test>/}; every client has a hard timeout.
 */
abstract class EnhancedInteropBase {

    static final String STREAM = "demo";
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);
    private static final String RW_TIMEOUT_MICROS = "5000000";
    private static final Duration PLAYER_JOIN_DEADLINE = Duration.ofSeconds(30);
    private static final Duration PLAYER_SETTLE = Duration.ofMillis(1500);

    Path workDir;
    RtmpServer server;
    InMemoryRegistry registry;
    String key;
    private final List<ExternalProcess> processes = new ArrayList<>();

    @BeforeEach
    void startServer(TestInfo test) throws IOException {
        workDir = Path.of(System.getProperty("basedir", "."), "target", "interop-logs", getClass().getSimpleName(),
                test.getTestMethod().orElseThrow().getName());
        WorkDirectories.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        ExternalProcess version = ExternalProcess.run("ffmpeg-version", workDir, Duration.ofSeconds(30),
                concat(Ffmpeg71.ffmpeg(), "-hide_banner", "-version"));
        if (version.timedOut() || version.exitCode() != 0 || !version.stdout().contains("ffmpeg version 7.1")) {
            throw new AssertionError("ffmpeg 7.1 does not run: " + version.describe() + "\n" + Ffmpeg71.INSTALL_HINT);
        }
        key = "key-" + Long.toHexString(System.nanoTime());
        registry = new InMemoryRegistry();
        registry.register(STREAM, key);
        AtomicInteger threads = new AtomicInteger();
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry, runnable -> {
            Thread thread = new Thread(runnable, "inlet-enhanced-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.start();
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(ExternalProcess::close);
        if (server != null) {
            server.stop();
        }
    }

    String publishUrl() {
        return "rtmp://127.0.0.1:" + server.boundPort() + "/live/" + key;
    }

    String playUrl() {
        return "rtmp://127.0.0.1:" + server.boundPort() + "/live/" + STREAM;
    }

    Path file(String name) {
        return workDir.resolve(name);
    }

    /** ffmpeg 7.1 publishing in real time: inputs and codec options, then FLV over RTMP. */
    ExternalProcess publish(String name, List<String> inputsAndCodecs) {
        List<String> command = concat(Ffmpeg71.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "info",
                "-stats_period", "1", "-re");
        command.addAll(inputsAndCodecs);
        command.addAll(List.of("-f", "flv", "-rw_timeout", RW_TIMEOUT_MICROS, publishUrl()));
        return start(name, command);
    }

    /** ffmpeg 7.1 playing the stream into an FLV file without re-encoding, started once the stream is live. */
    ExternalProcess playWhenLive(Path output) {
        List<String> command = concat(Ffmpeg71.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "info",
                "-rw_timeout", RW_TIMEOUT_MICROS, "-i", playUrl(), "-c", "copy", "-f", "flv", "-y", output.toString());
        return ExternalProcess.startWhenLive("the ffmpeg 7.1 player", PLAYER_JOIN_DEADLINE, PLAYER_SETTLE,
                attempt -> start("ffmpeg71-play-try" + attempt, command));
    }

    ExternalProcess start(String name, List<String> command) {
        ExternalProcess process = ExternalProcess.start(name, workDir, CLIENT_TIMEOUT, command);
        processes.add(process);
        return process;
    }

    /** Waits until the track panel shows a track matching {@code wanted}; returns the last panel seen. */
    List<TrackInfo> awaitTracks(Predicate<List<TrackInfo>> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TrackInfo> last = List.of();
        while (System.nanoTime() < deadline) {
            Optional<List<TrackInfo>> tracks = server.tracks(STREAM);
            if (tracks.isPresent()) {
                last = tracks.get();
                if (wanted.test(last)) {
                    return last;
                }
            }
            sleep(Duration.ofMillis(200));
        }
        return last;
    }

    static TrackInfo video(List<TrackInfo> tracks) {
        return tracks.stream().filter(t -> t.type() == TrackInfo.Type.VIDEO).findFirst()
                .orElseThrow(() -> new AssertionError("no video track in " + tracks));
    }

    static void assertSucceeds(ExternalProcess client) {
        client.awaitExit();
        assertThat(client.timedOut()).as("%s timed out:%n%s", client.name(), client.describe()).isFalse();
        assertThat(client.exitCode()).as("exit code of %s:%n%s", client.name(), client.describe()).isZero();
    }

    /** ffprobe 7.1: {@code codec_name,width,height} of every stream of a file. */
    List<String> streams(Path media) {
        ExternalProcess probe = ExternalProcess.run("ffprobe-streams", workDir, Duration.ofSeconds(60),
                concat(Ffmpeg71.ffprobe(), "-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height",
                        "-of", "csv=p=0", media.toString()));
        assertThat(probe.exitCode()).as("ffprobe of %s: %s", media, probe.describe()).isZero();
        return probe.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** ffprobe 7.1 decoding every video frame: the distinct {@code WIDTHxHEIGHT} sizes and the frame count. */
    DecodedVideo decodeVideo(Path media) {
        ExternalProcess probe = ExternalProcess.run("ffprobe-frames", workDir, Duration.ofSeconds(60),
                concat(Ffmpeg71.ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries",
                        "frame=width,height", "-of", "csv=p=0", media.toString()));
        assertThat(probe.exitCode()).as("ffprobe frames of %s: %s", media, probe.describe()).isZero();
        List<String> frames = probe.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        Set<String> sizes = new LinkedHashSet<>();
        frames.forEach(line -> sizes.add(line.replace(',', 'x')));
        return new DecodedVideo(sizes, frames.size());
    }

    record DecodedVideo(Set<String> sizes, int frames) {
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
