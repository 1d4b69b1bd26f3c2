package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.srt.SrtServer;
import dev.inlet.ingest.srt.SrtSettings;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.Ffprobe;
import dev.inlet.testing.WorkDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end with real clients: ffmpeg publishes H.264 + AAC in MPEG-TS over SRT with a stream key, and ffmpeg plays
 * the stream back over RTMP; ffprobe reads the recording.
 */
class SrtPublishIT {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

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
                Executors.defaultThreadFactory());
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    @AfterEach
    void stop() {
        srt.stop();
        server.stop();
    }

    @Test
    void ffmpegPublishesOverSrtAndAnRtmpPlayerRecordsH264AndAac() {
        Path recording = workDir.resolve("out.flv");
        try (ExternalProcess publisher = ExternalProcess.start("srt-publisher", workDir, CLIENT_TIMEOUT, List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine", "-t", "10",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-f", "mpegts", "srt://127.0.0.1:" + srt.port() + "?streamid=publish:" + key + "&latency=120000"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> server.isLive("demo"));
            try (ExternalProcess player = ExternalProcess.start("rtmp-player", workDir, CLIENT_TIMEOUT, List.of(
                    "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-rw_timeout", "5000000",
                    "-i", "rtmp://127.0.0.1:" + server.boundPort() + "/live/demo", "-t", "8", "-c", "copy",
                    "-y", recording.toString()))) {
                assertThat(player.awaitExit()).as(player.describe()).isZero();
            }
            assertThat(publisher.awaitExit()).as(publisher.describe()).isZero();
        }

        Ffprobe.Probe probe = Ffprobe.probe(recording, workDir);
        assertThat(probe.codecNames()).as("%s", probe).contains("h264", "aac");
        assertThat(probe.mediaSeconds()).as("%s", probe).isGreaterThanOrEqualTo(6.0);
    }
}
