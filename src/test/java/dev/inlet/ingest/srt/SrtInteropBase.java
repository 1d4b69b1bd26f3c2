package dev.inlet.ingest.srt;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.Ffprobe;
import dev.inlet.testing.WorkDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SRT interop ITs' common ground: Inlet's RTMP engine and its SRT server on ephemeral ports of 127.0.0.1 with
 * stream {@link #STREAM} under a random key, real clients started with hard timeouts and their logs kept under
 * {@code target/interop-logs/<class>/<test>/}, everything still running killed at the end.
 */
abstract class SrtInteropBase {

    static final String STREAM = "demo";
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(45);

    final InMemoryRegistry registry = new InMemoryRegistry();
    final String key = StreamKeys.generate();
    RtmpServer server;
    SrtServer srt;
    Path workDir;
    private final List<ExternalProcess> processes = new ArrayList<>();
    private final AtomicInteger names = new AtomicInteger();

    @BeforeEach
    void startServers(TestInfo test) {
        workDir = Path.of(System.getProperty("basedir", "."), "target", "interop-logs", getClass().getSimpleName(),
                test.getTestMethod().orElseThrow().getName() + sanitized(test.getDisplayName()));
        WorkDirectories.deleteRecursively(workDir);
        registerStreams();
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry, daemonThreads());
        server.start();
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0), server.core(), daemonThreads());
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    /** Stream {@link #STREAM} with {@link #key}; a test with other streams overrides this. */
    void registerStreams() {
        registry.register(STREAM, key);
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(ExternalProcess::close);
        if (srt != null) {
            srt.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    ExternalProcess start(String name, List<String> command) {
        ExternalProcess process = ExternalProcess.start(name, workDir, CLIENT_TIMEOUT, command);
        processes.add(process);
        return process;
    }

    Path file(String name) {
        return workDir.resolve(name);
    }

    String srtUrl(int port, String streamId, int latencyMicros) {
        return "srt://127.0.0.1:" + port + "?streamid=" + streamId + "&latency=" + latencyMicros;
    }

    String rtmpPlayUrl(String stream) {
        return "rtmp://127.0.0.1:" + server.boundPort() + "/live/" + stream;
    }

    /** ffmpeg sending {@code seconds} of H.264 + AAC test signal in MPEG-TS to {@code url} in real time. */
    static List<String> ffmpegTsPublish(String url, int seconds, String size, String pattern) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", pattern + "=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-f", "mpegts", url);
    }

    /** An ffmpeg RTMP player copying {@code seconds} of the stream into {@code recording}. */
    List<String> rtmpRecorder(String stream, int seconds, Path recording, int rwTimeoutMicros) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info",
                "-rw_timeout", Integer.toString(rwTimeoutMicros), "-i", rtmpPlayUrl(stream),
                "-t", Integer.toString(seconds), "-c", "copy", "-f", "flv", "-y", recording.toString());
    }

    void awaitLive(String stream, ExternalProcess publisher) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("%s live; publisher: %s".formatted(stream, publisher.describe()))
                .until(() -> server.isLive(stream) || !publisher.isAlive());
        assertThat(server.isLive(stream)).as("%s live; publisher: %s", stream, publisher.describe()).isTrue();
    }

    static void assertSucceeds(ExternalProcess client) {
        client.awaitExit();
        assertThat(client.timedOut()).as("%s timed out:%n%s", client.name(), client.describe()).isFalse();
        assertThat(client.exitCode()).as("exit code of %s:%n%s", client.name(), client.describe()).isZero();
    }

    Ffprobe.Probe probe(Path media) {
        return Ffprobe.probe(media, workDir);
    }

    /** The recorded file holds H.264 video and AAC audio whose packets span at least {@code minSeconds}. */
    void assertHasVideoAndAudio(Path media, double minSeconds, ExternalProcess... clients) {
        Ffprobe.Probe probe = probe(media);
        String context = "%s%nclients:%n%s".formatted(probe, Stream.of(clients).map(ExternalProcess::describe)
                .collect(Collectors.joining("\n")));
        assertThat(probe.codecNames()).as("codecs in %s", context).contains("h264", "aac");
        assertThat(probe.mediaSeconds()).as("duration in %s", context).isGreaterThanOrEqualTo(minSeconds);
    }

    /** {@code ffmpeg -v error -i file -f null -}: decodes the whole file; returns whatever it complained about. */
    String decodeErrors(Path media) {
        ExternalProcess decode = ExternalProcess.run("decode-" + names.incrementAndGet(), workDir, CLIENT_TIMEOUT,
                List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", media.toString(), "-f", "null",
                        "-"));
        assertThat(decode.exitCode()).as(decode.describe()).isZero();
        return (decode.stdout() + decode.stderr()).strip();
    }

    private static String sanitized(String displayName) {
        String cleaned = displayName.replaceAll("[^A-Za-z0-9]+", "_");
        return cleaned.isEmpty() || displayName.endsWith("()") ? "" : "-" + cleaned;
    }

    /** Daemon threads, so that a server a failed test forgot cannot keep the JVM alive. */
    static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "inlet-srt-interop-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
