package dev.inlet.interop.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.hls.HlsSettings;
import dev.inlet.hls.HlsStreams;
import dev.inlet.hls.HlsWindow;
import dev.inlet.hls.PlaylistQuery;
import dev.inlet.media.fmp4.InitSegment;
import dev.inlet.testing.ExternalProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: HEVC and AV1 published over Enhanced RTMP (ffmpeg 7.1) come out of Inlet's HLS muxer as CMAF that a
 * player other than ffmpeg 7.1 accepts. Debian's ffmpeg 5.1 (the system's, not the publisher's) reads the init
 * segment and two complete media segments written into one file: the video sample entry must be {@code hvc1} or
 * {@code av01}, the CODECS string of the init segment must say the same, and every frame must decode without a
 * single error line. (ffmpeg 7.1 sends AV1 with an empty SequenceStart first: the segments are in one init segment
 * only because the muxer's audio waits for the announced video track.)
 */
class HlsEnhancedCodecsIT extends EnhancedInteropBase {

    private static final String SINE = "sine=frequency=440:sample_rate=44100";
    private static final String SYSTEM_FFPROBE = "/usr/bin/ffprobe";
    private static final String SYSTEM_FFMPEG = "/usr/bin/ffmpeg";
    private static final Duration SYSTEM_TOOL_TIMEOUT = Duration.ofSeconds(60);
    /** Two 2 s segments of a 6 s publish are complete at about 4 s; the rest is start-up and slow encoders. */
    private static final Duration SEGMENTS_DEADLINE = Duration.ofSeconds(30);
    private static final int SEGMENTS_WANTED = 2;

    private HlsStreams hls;

    @AfterEach
    void closeHls() {
        if (hls != null) {
            hls.close();
        }
    }

    @Test
    void hevcComesOutAsHvc1() {
        check("hevc", "hvc1", List.of(
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", SINE, "-t", "6",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                "-rtmp_enhanced_codecs", "hvc1,av01,vp09"));
    }

    @Test
    void av1ComesOutAsAv01() {
        check("av1", "av01", List.of(
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "lavfi", "-i", SINE, "-t", "6",
                "-c:v", "libaom-av1", "-cpu-used", "8", "-row-mt", "1", "-g", "25", "-b:v", "200k",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                "-rtmp_enhanced_codecs", "hvc1,av01,vp09"));
    }

    private void check(String codecName, String sampleEntry, List<String> encoder) {
        hls = new HlsStreams(server.core(), HlsSettings.DEFAULT, Clock.systemUTC(), daemonThreads());
        ExternalProcess publisher = publish("ffmpeg71-publish-" + codecName, encoder);

        // the muxer starts as soon as the stream is live, so the window holds the stream from its first GOP
        AtomicReference<HlsStreams.Output> started = new AtomicReference<>();
        await("the HLS output of the live stream").atMost(SEGMENTS_DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Optional<HlsStreams.Output> output = hls.output(STREAM);
                    output.ifPresent(started::set);
                    return output.isPresent() || !publisher.isAlive();
                });
        HlsStreams.Output output = started.get();
        assertThat(output).as("HLS output; publisher:%n%s", publisher.describe()).isNotNull();

        AtomicReference<MediaPlaylist> playlist = new AtomicReference<>();
        await("two complete segments in the playlist").atMost(SEGMENTS_DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    playlist.set(MediaPlaylist.parse(output.window().render(PlaylistQuery.PLAIN, "")));
                    return playlist.get().segments().size() >= SEGMENTS_WANTED;
                });
        Path cmaf = file(codecName + ".mp4");
        writeCmaf(output.window(), playlist.get(), cmaf);
        assertSucceeds(publisher);

        InitSegment init = output.init().orElseThrow();
        assertThat(init.codecs()).as("CODECS of %s", init).startsWith(sampleEntry + ".");

        assertThat(probeStreams(cmaf)).as("streams of %s (init + %s)", cmaf, playlist.get().segments())
                .contains(codecName + ",video," + sampleEntry) // ffprobe's order: codec_name,codec_type,codec_tag
                .anyMatch(line -> line.startsWith("aac,audio,"));

        Decoding decoding = decode(cmaf);
        assertThat(decoding.errors()).as("ffmpeg 5.1 decoding %s", cmaf).isEmpty();
        assertThat(decoding.exitCode()).as("ffmpeg 5.1 exit code decoding %s", cmaf).isZero();
        assertThat(decoding.frames()).as("video frames ffmpeg 5.1 decoded from %s", cmaf).isPositive();
    }

    /** The init segment the segments map to, then the segments, as one fragmented MP4 file. */
    private static void writeCmaf(HlsWindow window, MediaPlaylist playlist, Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (String name : playlist.initAndSegments()) {
                HlsWindow.Answer answer = window.resource(name, null);
                assertThat(answer.outcome()).as("%s: %s", name, answer.reason()).isEqualTo(HlsWindow.Outcome.READY);
                answer.resource().writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Debian's ffprobe: {@code codec_type,codec_name,codec_tag_string} of every stream. */
    private List<String> probeStreams(Path media) {
        ExternalProcess probe = ExternalProcess.run("ffprobe51-" + media.getFileName(), workDir, SYSTEM_TOOL_TIMEOUT,
                List.of(SYSTEM_FFPROBE, "-v", "error", "-show_entries", "stream=codec_type,codec_name,codec_tag_string",
                        "-of", "csv=p=0", media.toString()));
        assertThat(probe.timedOut()).as("ffprobe 5.1 timed out: %s", probe.describe()).isFalse();
        assertThat(probe.stderr()).as("ffprobe 5.1 errors reading %s", media).isBlank();
        assertThat(probe.exitCode()).as("ffprobe 5.1 of %s: %s", media, probe.describe()).isZero();
        return probe.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /**
     * Debian's ffmpeg decoding every stream into nothing ({@code -f null}); the progress report on stdout gives the
     * number of video frames, stderr holds only errors.
     */
    private Decoding decode(Path media) {
        ExternalProcess ffmpeg = ExternalProcess.run("ffmpeg51-decode-" + media.getFileName(), workDir,
                SYSTEM_TOOL_TIMEOUT, List.of(SYSTEM_FFMPEG, "-hide_banner", "-nostdin", "-nostats", "-v", "error",
                        "-i", media.toString(), "-progress", "pipe:1", "-f", "null", "-"));
        assertThat(ffmpeg.timedOut()).as("ffmpeg 5.1 timed out: %s", ffmpeg.describe()).isFalse();
        int frames = ffmpeg.stdout().lines().filter(line -> line.startsWith("frame="))
                .mapToInt(line -> Integer.parseInt(line.substring("frame=".length()).strip()))
                .max().orElse(0);
        return new Decoding(ffmpeg.exitCode(), ffmpeg.stderr().strip(), frames);
    }

    private record Decoding(int exitCode, String errors, int frames) {
    }

    /**
     * The parts of a media playlist this test reads: the first {@code EXT-X-MAP} and the complete segments
     * ({@code #EXTINF}) that follow it up to the next map (a new init segment would not fit in the same file).
     */
    private record MediaPlaylist(String init, List<String> segments) {

        static MediaPlaylist parse(String text) {
            String init = null;
            List<String> segments = new ArrayList<>();
            boolean segmentNext = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("#EXT-X-MAP:")) {
                    if (init != null) {
                        break;
                    }
                    int open = line.indexOf("URI=\"") + "URI=\"".length();
                    init = line.substring(open, line.indexOf('"', open));
                } else if (line.startsWith("#EXTINF:")) {
                    segmentNext = true;
                } else if (segmentNext && !line.startsWith("#")) {
                    segments.add(line.strip());
                    segmentNext = false;
                }
            }
            return new MediaPlaylist(init, List.copyOf(segments));
        }

        List<String> initAndSegments() {
            List<String> names = new ArrayList<>();
            names.add(init);
            names.addAll(segments);
            return names;
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "inlet-hls-it-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
