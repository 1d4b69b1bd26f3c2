package dev.inlet.container;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * HTTP-FLV from the shipped EAR on embedded Payara, played by the players browsers and desktops use:
 * while ffmpeg publishes over RTMP, headless VLC and mpegts.js (run in Node with fake Media Source
 * Extensions) play {@code /live/demo.flv}, and ffprobe decodes H.264 at the published size and AAC
 * from what each of them produced; ffplay (SDL's dummy drivers) plays it for seconds, by its own clock.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpFlvPlayersContainerIT {

    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final int HTTP_PORT = Integer.getInteger("inlet.it.http.port");
    private static final String PUBLISH_KEY = System.getProperty("inlet.demo.key");
    private static final String PLAY_URL = "http://127.0.0.1:" + HTTP_PORT + "/live/demo.flv";
    private static final int PLAY_SECONDS = 4;
    /** VLC refuses to run as root; as root the test runs it as nobody:nogroup (Debian's ids). */
    private static final String NOBODY = "65534";

    @Deployment(testable = false)
    static EnterpriseArchive inletEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
    }

    @Test
    void vlcPlaysTheLiveStreamOverHttpFlv() throws Exception {
        requireTools("vlc", "cvlc");
        Path dir = Files.createTempDirectory(Path.of("target"), "http-flv-vlc-");
        // VLC keeps its configuration under HOME: a fresh one it can write to, whoever it runs as
        Path vlcHome = Files.createTempDirectory(Path.of("target"), "vlc-home-");
        Files.setPosixFilePermissions(vlcHome, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path recording = dir.resolve("vlc.ts");
        try (Publisher ignored = Publisher.start(dir)) {
            awaitLive();
            List<String> command = new ArrayList<>(List.of("timeout", "-k", "5", "30"));
            if (runningAsRoot()) {
                requireTools("util-linux", "setpriv");
                command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            // cvlc is VLC without a window (dummy interface); the stream is remuxed, not decoded, to
            // MPEG-TS on stdout, which this JVM writes to the file whoever VLC runs as
            command.addAll(List.of("cvlc", "--no-video-title-show", "--run-time=" + PLAY_SECONDS,
                    "--play-and-exit", "--sout", "#std{access=file,mux=ts,dst=-}", PLAY_URL));
            ProcessBuilder vlc = new ProcessBuilder(command)
                    .redirectOutput(recording.toFile())
                    .redirectError(dir.resolve("vlc.log").toFile());
            vlc.environment().put("HOME", vlcHome.toAbsolutePath().toString());
            int exit = run(vlc);
            String log = Files.readString(dir.resolve("vlc.log"));
            assertThat(exit).as("VLC exit code; its log:%n%s", log).isZero();
            // VLC also exits 0 when it cannot open the stream, with nothing written
            assertThat(recording).as("VLC's recording; its log:%n%s", log).isNotEmptyFile();
        }
        assertPlayable(recording, recording);
    }

    @Test
    void ffplayPlaysTheLiveStreamOverHttpFlv() throws Exception {
        requireTools("ffmpeg", "ffplay");
        Path dir = Files.createTempDirectory(Path.of("target"), "http-flv-ffplay-");
        Path log = dir.resolve("ffplay.log");
        try (Publisher ignored = Publisher.start(dir)) {
            awaitLive();
            // SDL's dummy drivers: ffplay opens its window and audio device, decodes and presents as usual,
            // with nothing on a screen or a sound card. A live stream has no end, so timeout stops it.
            ProcessBuilder ffplay = new ProcessBuilder("timeout", "-k", "5", String.valueOf(PLAY_SECONDS + 4),
                    "ffplay", "-hide_banner", "-loglevel", "info", "-stats", "-autoexit", PLAY_URL)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            ffplay.environment().put("SDL_VIDEODRIVER", "dummy");
            ffplay.environment().put("SDL_AUDIODRIVER", "dummy");
            run(ffplay);
        }
        String output = Files.readString(log);
        assertThat(output).as("ffplay's log").containsPattern("Video: h264[^\\n]*320x240").contains("Audio: aac");
        // ffplay's status line starts with its master clock (stream time): how far it moved is what it played
        Matcher clock = Pattern.compile("(\\d+\\.\\d+) (?:A-V|M-V|M-A)").matcher(output);
        double first = Double.NaN;
        double last = Double.NaN;
        while (clock.find()) {
            double at = Double.parseDouble(clock.group(1));
            first = Double.isNaN(first) ? at : first;
            last = at;
        }
        double played = last - first;
        assertThat(played).as("seconds ffplay played; its log:%n%s", output).isGreaterThanOrEqualTo(PLAY_SECONDS - 1);
    }

    @Test
    void mpegtsJsPlaysTheLiveStreamOverHttpFlv() throws Exception {
        requireTools("nodejs", "node");
        requireTools("npm", "npm");
        Path player = Path.of(HttpFlvPlayersContainerIT.class.getResource("/mpegts/play.mjs").toURI());
        installMpegtsJs(player.getParent());
        Path dir = Files.createTempDirectory(Path.of("target"), "http-flv-mpegts-");
        Path segments = dir.resolve("segments");
        Path log = dir.resolve("mpegts.log");
        try (Publisher ignored = Publisher.start(dir)) {
            awaitLive();
            int exit = run(new ProcessBuilder("timeout", "-k", "5", "30", "node", player.toString(), PLAY_URL,
                    segments.toString(), String.valueOf(PLAY_SECONDS)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()));
            assertThat(exit).as("mpegts.js player exit code; its output:%n%s", Files.readString(log)).isZero();
        }
        // MSE keeps a SourceBuffer per track, so mpegts.js appends a separate fMP4 stream to each
        assertPlayable(segments.resolve("video.mp4"), segments.resolve("audio.mp4"));
    }

    /** ffprobe decodes at least a second of H.264 at the published size and of AAC. */
    private static void assertPlayable(Path video, Path audio) throws Exception {
        Map<String, String> videoStream = probe(video, "v:0", "codec_name,width,height,nb_read_frames");
        assertThat(videoStream).containsEntry("codec_name", "h264").containsEntry("width", "320")
                .containsEntry("height", "240");
        assertThat(Long.parseLong(videoStream.get("nb_read_frames"))).as("decoded video frames").isGreaterThanOrEqualTo(25);
        Map<String, String> audioStream = probe(audio, "a:0", "codec_name,nb_read_frames");
        assertThat(audioStream).containsEntry("codec_name", "aac");
        // an AAC frame is 1,024 samples: 43 of them are a second at 44.1 kHz
        assertThat(Long.parseLong(audioStream.get("nb_read_frames"))).as("decoded audio frames").isGreaterThanOrEqualTo(43);
    }

    /** The named fields of the first stream ffprobe selects, after decoding it all (-count_frames). */
    private static Map<String, String> probe(Path file, String stream, String fields) throws Exception {
        Process probe = new ProcessBuilder("timeout", "20", "ffprobe", "-v", "error", "-count_frames",
                "-select_streams", stream, "-show_entries", "stream=" + fields, "-of", "default=noprint_wrappers=1",
                file.toString()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes());
        assertThat(probe.waitFor(25, TimeUnit.SECONDS)).as("ffprobe finished").isTrue();
        Map<String, String> values = new HashMap<>();
        output.lines().map(line -> line.split("=", 2)).filter(pair -> pair.length == 2)
                .forEach(pair -> values.putIfAbsent(pair[0].trim(), pair[1].trim()));
        assertThat(values).as("ffprobe %s of %s:%n%s", stream, file, output).containsKeys(fields.split(","));
        return values;
    }

    /** Waits until the servlet answers 200 (it answers 404 until the publisher is live). */
    private static void awaitLive() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(PLAY_URL))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            response.body().close();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        }
        fail("%s did not go live within 20 s (last status %d)", PLAY_URL, status);
    }

    /** Installs the mpegts.js version package-lock.json pins next to play.mjs, from the npm registry, once. */
    private static void installMpegtsJs(Path playerDir) throws Exception {
        if (Files.exists(playerDir.resolve("node_modules/mpegts.js/package.json"))) {
            return;
        }
        Path log = playerDir.resolve("npm-ci.log");
        int exit = run(new ProcessBuilder("timeout", "-k", "5", "180", "npm", "ci", "--no-audit", "--no-fund",
                "--prefix", playerDir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()));
        assertThat(exit).as("npm ci of mpegts.js; its output:%n%s", Files.readString(log)).isZero();
    }

    private static int run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("%s did not finish within 60 s", builder.command());
        }
        return process.exitValue();
    }

    private static boolean runningAsRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /** Real-client tests never skip: a missing player fails and says what to install. */
    private static void requireTools(String debianPackage, String command) throws Exception {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + command).redirectErrorStream(true).start();
        which.getInputStream().readAllBytes();
        if (!which.waitFor(10, TimeUnit.SECONDS) || which.exitValue() != 0) {
            fail("%s is not installed: install the Debian package %s (.ci/test.sh does)", command, debianPackage);
        }
    }

    /** ffmpeg publishing a 320x240 test picture with a tone to the demo stream over RTMP, for 12 s. */
    private record Publisher(Process process) implements AutoCloseable {

        static Publisher start(Path dir) throws IOException {
            return new Publisher(new ProcessBuilder("timeout", "-k", "5", "40",
                    "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                    "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                    "-re", "-f", "lavfi", "-i", "sine", "-t", "12",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                    "-rw_timeout", "5000000", "-f", "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + PUBLISH_KEY)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("publish.log").toFile()).start());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
