package dev.inlet.interop.enhanced;

import dev.inlet.recording.InMemoryRecordingCatalog;
import dev.inlet.recording.RecordingInfo;
import dev.inlet.recording.RecordingPolicy;
import dev.inlet.recording.RecordingSettings;
import dev.inlet.recording.RecordingState;
import dev.inlet.recording.Recordings;
import dev.inlet.recording.RecordingListener;
import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: HEVC published over Enhanced RTMP (ffmpeg 7.1) is recorded as an MP4 whose video sample entry is
 * {@code hvc1}, which Debian's ffmpeg 5.1 reads and decodes without an error.
 */
class RecordingEnhancedCodecsIT extends EnhancedInteropBase {

    private static final Duration SYSTEM_TOOL_TIMEOUT = Duration.ofSeconds(60);
    private Recordings recordings;

    @AfterEach
    void closeRecordings() {
        if (recordings != null) {
            recordings.close();
        }
    }

    @Test
    void hevcIsRecordedAsHvc1() throws Exception {
        InMemoryRecordingCatalog catalog = new InMemoryRecordingCatalog(code -> true);
        recordings = new Recordings(server.core(), catalog, RecordingSettings.defaults(file("recordings"), "node-it"),
                RecordingListener.NONE, Clock.systemUTC(), Executors.defaultThreadFactory());
        recordings.start();
        recordings.setPolicy(STREAM, new RecordingPolicy(true, null));

        ExternalProcess publisher = publish("ffmpeg71-publish-hevc", List.of(
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100", "-t", "5",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-rtmp_enhanced_codecs", "hvc1,av01,vp09"));
        assertSucceeds(publisher);

        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.list(STREAM, null, null).stream()
                .anyMatch(r -> r.state() == RecordingState.FINISHED));
        RecordingInfo recording = catalog.list(STREAM, null, null).get(0);
        assertThat(recording.codecs()).isEqualTo("hvc1,mp4a");
        assertThat(recording.durationMs()).isBetween(4_000L, 5_500L);
        Path mp4 = recordings.file(recording).orElseThrow();

        ExternalProcess probe = ExternalProcess.run("ffprobe51", workDir, SYSTEM_TOOL_TIMEOUT, List.of("/usr/bin/ffprobe",
                "-v", "error", "-show_entries", "stream=codec_name,codec_type,codec_tag_string", "-of", "csv=p=0",
                mp4.toString()));
        assertThat(probe.stderr()).as("ffprobe 5.1 errors").isBlank();
        assertThat(probe.stdout().lines().map(String::strip).toList()).as(probe.describe())
                .contains("hevc,video,hvc1").anyMatch(line -> line.startsWith("aac,audio,"));
        ExternalProcess decode = ExternalProcess.run("ffmpeg51-decode", workDir, SYSTEM_TOOL_TIMEOUT, List.of(
                "/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", mp4.toString(), "-f", "null", "-"));
        assertThat(decode.exitCode()).as(decode.describe()).isZero();
        assertThat(decode.stderr()).as("ffmpeg 5.1 decoding the recording").isBlank();
    }
}
