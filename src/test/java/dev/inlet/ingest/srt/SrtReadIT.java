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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end with real clients: ffmpeg publishes H.264 + AAC (over RTMP, or over SRT as MPEG-TS) and ffmpeg reads the
 * stream back over SRT with {@code streamid=read:demo}, recording MPEG-TS; ffprobe reads the recording.
 */
class SrtReadIT {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> SOURCE = List.of("-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine", "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
            "-pix_fmt", "yuv420p", "-c:a", "aac");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;
    private SrtServer srt;
    private Path workDir;

    @BeforeEach
    void start(TestInfo test) {
        workDir = Path.of(System.getProperty("basedir", "."), "target", "interop-logs", getClass().getSimpleName(),
                test.getTestMethod().orElseThrow().getName());
        WorkDirectories.deleteRecursively(workDir);
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0), server.core(),
                Executors.defaultThreadFactory(), null, server::countClose);
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    @AfterEach
    void stop() {
        srt.stop();
        server.stop();
    }

    @Test
    void anRtmpPublishPlaysOverSrtAsMpegTsWithH264AndAac() {
        readsOverSrt(List.of("-f", "flv", "rtmp://127.0.0.1:" + server.boundPort() + "/live/" + key));
    }

    @Test
    void anSrtPublishPlaysOverSrtToo() {
        readsOverSrt(List.of("-f", "mpegts",
                "srt://127.0.0.1:" + srt.port() + "?streamid=publish:" + key + "&latency=120000"));
    }

    private void readsOverSrt(List<String> output) {
        Path recording = workDir.resolve("out.ts");
        List<String> publish = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info"));
        publish.addAll(SOURCE);
        publish.addAll(output);
        try (ExternalProcess publisher = ExternalProcess.start("publisher", workDir, CLIENT_TIMEOUT, publish)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> server.isLive("demo"));
            try (ExternalProcess reader = ExternalProcess.start("srt-reader", workDir, CLIENT_TIMEOUT, List.of(
                    "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-rw_timeout", "5000000",
                    "-i", "srt://127.0.0.1:" + srt.port() + "?streamid=read:demo&latency=120000",
                    "-t", "8", "-c", "copy", "-y", recording.toString()))) {
                await().atMost(Duration.ofSeconds(15)).until(() -> server.players().stream()
                        .anyMatch(player -> player.protocol().equals("srt")) || !reader.isAlive());
                assertThat(reader.awaitExit()).as(reader.describe()).isZero();
            }
            assertThat(publisher.isAlive()).as("the publisher is unaffected: %s", publisher.describe()).isTrue();
        }

        Ffprobe.Probe probe = Ffprobe.probe(recording, workDir);
        assertThat(probe.codecNames()).as("%s", probe).contains("h264", "aac");
        assertThat(probe.mediaSeconds()).as("%s", probe).isGreaterThanOrEqualTo(6.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.players().isEmpty());
    }
}
