package dev.inlet.container;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LL-HLS from the shipped EAR on embedded Payara while ffmpeg publishes H.264 + AAC over RTMP: the multivariant
 * playlist describes the rendition, ffprobe and ffmpeg read {@code index.m3u8} (h264 + aac, 8 s decoded without an
 * error), VLC plays it, a blocking reload for the next part is answered once that part exists and within a part duration of it, a
 * request too far ahead gets 400, parts are cacheable (ETag, 304), a stream without a publisher answers 404.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HlsContainerIT {

    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final int HTTP_PORT = Integer.getInteger("inlet.it.http.port");
    private static final String PUBLISH_KEY = System.getProperty("inlet.demo.key");
    private static final String BASE = "http://127.0.0.1:" + HTTP_PORT + "/live/demo/";
    private static final Pattern MEDIA_SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private static Process publisher;
    private static Path dir;

    @Deployment(testable = false)
    static EnterpriseArchive inletEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
    }

    @BeforeAll
    static void publish() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "hls-");
        publisher = new ProcessBuilder("timeout", "-k", "5", "120",
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
                "-re", "-f", "lavfi", "-i", "sine", "-t", "100",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-rw_timeout", "5000000", "-f", "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + PUBLISH_KEY)
                .redirectErrorStream(true).redirectOutput(dir.resolve("publish.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // Plain HLS clients (ffprobe) need complete segments: wait for two, as a player joining a live stream finds.
        while (!hasCompleteSegments(2)) {
            assertThat(System.nanoTime() < deadline).as("two HLS segments within 20 s of the publish; "
                    + "publisher log:%n%s", Files.readString(dir.resolve("publish.log"))).isTrue();
            Thread.sleep(300);
        }
    }

    private static boolean hasCompleteSegments(int count) throws Exception {
        HttpResponse<String> multivariant = get(BASE + "index.m3u8");
        if (multivariant.statusCode() != 200) {
            return false;
        }
        String media = get(BASE + "media.m3u8?session=" + sessionOf(multivariant.body())).body();
        return media.split("#EXTINF", -1).length - 1 >= count;
    }

    @AfterAll
    static void stopPublishing() throws Exception {
        if (publisher != null) {
            publisher.destroy();
            if (!publisher.waitFor(10, TimeUnit.SECONDS)) {
                publisher.destroyForcibly();
            }
        }
    }

    @Test
    void theMultivariantPlaylistDescribesTheRenditionAndNamesTheViewersSession() throws Exception {
        HttpResponse<String> multivariant = get(BASE + "index.m3u8");
        assertThat(multivariant.statusCode()).isEqualTo(200);
        assertThat(multivariant.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.apple.mpegurl"));
        assertThat(multivariant.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        String body = multivariant.body();
        assertThat(body).startsWith("#EXTM3U").contains("CODECS=\"avc1.", ",mp4a.40.2\"", "RESOLUTION=640x360",
                "FRAME-RATE=25.000");
        Matcher bandwidth = Pattern.compile("BANDWIDTH=(\\d+)").matcher(body);
        assertThat(bandwidth.find()).isTrue();
        assertThat(Long.parseLong(bandwidth.group(1))).isGreaterThan(10_000);
        assertThat(sessionOf(body)).startsWith("hls-");
    }

    @Test
    void ffprobeAndFfmpegReadTheStream() throws Exception {
        String probe = run(30, "ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                BASE + "index.m3u8");
        assertThat(probe.lines().map(String::trim).toList()).contains("h264", "aac");

        String decoded = run(40, "ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-stats", "-rw_timeout",
                "5000000", "-i", BASE + "index.m3u8", "-t", "8", "-f", "null", "-");
        Matcher time = Pattern.compile("time=(\\d+):(\\d+):(\\d+)\\.(\\d+)").matcher(decoded);
        double seconds = 0;
        while (time.find()) {
            seconds = Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60
                    + Integer.parseInt(time.group(3)) + Integer.parseInt(time.group(4)) / 100.0;
        }
        assertThat(seconds).as("seconds ffmpeg decoded; its output:%n%s", decoded).isGreaterThanOrEqualTo(7.9);
        assertThat(decoded.lines().filter(line -> !line.contains("time=") && !line.isBlank()).toList())
                .as("errors while decoding").isEmpty();
    }

    /** VLC (as nobody: it refuses root) plays index.m3u8 and remuxes what it plays; ffprobe finds both tracks in it. */
    @Test
    void vlcPlaysTheStream() throws Exception {
        Path vlcHome = Files.createTempDirectory(Path.of("target"), "vlc-home-");
        Files.setPosixFilePermissions(vlcHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path recording = dir.resolve("vlc.ts");
        List<String> command = new java.util.ArrayList<>(List.of("timeout", "-k", "5", "40"));
        if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of("cvlc", "--no-video-title-show", "--run-time=6", "--play-and-exit",
                "--sout", "#std{access=file,mux=ts,dst=-}", BASE + "index.m3u8"));
        ProcessBuilder vlc = new ProcessBuilder(command).redirectOutput(recording.toFile())
                .redirectError(dir.resolve("vlc.log").toFile());
        vlc.environment().put("HOME", vlcHome.toAbsolutePath().toString());
        Process process = vlc.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("vlc.log"));
        assertThat(recording).as("VLC's recording (it exits 0 even when it cannot play); its log:%n%s", log)
                .isNotEmptyFile();
        String probe = run(30, "ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                recording.toString());
        assertThat(probe.lines().map(String::trim).toList()).as("VLC log:%n%s", log).contains("h264", "aac");
    }

    @Test
    void aBlockingReloadIsAnsweredAsTheNextPartCompletesAndOneTooFarAheadIsRefused() throws Exception {
        String session = sessionOf(get(BASE + "index.m3u8").body());
        String media = BASE + "media.m3u8?session=" + session;
        String playlist = get(media).body();
        assertThat(playlist).contains("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES", "#EXT-X-PART-INF:PART-TARGET=",
                "#EXT-X-PRELOAD-HINT:TYPE=PART", "#EXT-X-PROGRAM-DATE-TIME:");
        long[] last = lastPart(playlist);
        long msn = last[0];
        long partInSegment = last[1];
        double partTargetSeconds = Double.parseDouble(playlist.replaceAll("(?s).*PART-TARGET=([0-9.]+).*", "$1"));

        long asked = System.nanoTime();
        HttpResponse<String> blocked = get(media + "&_HLS_msn=" + msn + "&_HLS_part=" + (partInSegment + 1));
        double waitedSeconds = (System.nanoTime() - asked) / 1e9;
        assertThat(blocked.statusCode()).isEqualTo(200);
        long[] now = lastPart(blocked.body());
        assertThat(now[0] > msn || now[1] >= partInSegment + 1).as("the answer holds the part asked for:%n%s",
                blocked.body()).isTrue();
        assertThat(waitedSeconds).as("answered within about one part after the part asked for was due")
                .isLessThan(2 * partTargetSeconds + 0.5);

        HttpResponse<String> tooFar = get(media + "&_HLS_msn=" + (msn + 10));
        assertThat(tooFar.statusCode()).isEqualTo(400);
        assertThat(tooFar.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("problem+json"));
    }

    @Test
    void segmentsAreCacheableAndAStreamWithoutPublisherIs404() throws Exception {
        String session = sessionOf(get(BASE + "index.m3u8").body());
        String playlist = get(BASE + "media.m3u8?session=" + session).body();
        Matcher part = Pattern.compile("URI=\"(part-\\d+\\.m4s\\?v=[0-9a-z]+)\"").matcher(playlist);
        assertThat(part.find()).as("a part URI in%n%s", playlist).isTrue();
        HttpResponse<byte[]> bytes = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + part.group(1)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("public", "max-age="));
        String etag = bytes.headers().firstValue("ETag").orElseThrow();
        assertThat(new String(bytes.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isIn("moof", "styp");
        HttpResponse<Void> again = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + part.group(1)))
                .header("If-None-Match", etag).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(again.statusCode()).isEqualTo(304);

        assertThat(get("http://127.0.0.1:" + HTTP_PORT + "/live/nobody/index.m3u8").statusCode()).isEqualTo(404);
    }

    private static String sessionOf(String multivariant) {
        Matcher session = Pattern.compile("media\\.m3u8\\?session=([A-Za-z0-9-]+)").matcher(multivariant);
        assertThat(session.find()).as("a media playlist URI with its session in%n%s", multivariant).isTrue();
        return session.group(1);
    }

    /** The segment being written (its media sequence number) and the index of its last part (-1: none yet). */
    private static long[] lastPart(String playlist) {
        Matcher sequence = MEDIA_SEQUENCE.matcher(playlist);
        assertThat(sequence.find()).isTrue();
        long msn = Long.parseLong(sequence.group(1));
        long index = -1;
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXT-X-PART:")) {
                index++;
            } else if (!line.startsWith("#") && !line.isBlank()) {
                msn++; // a complete segment: the parts after it belong to the next
                index = -1;
            }
        }
        return new long[]{msn, index};
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String run(int seconds, String... command) throws Exception {
        List<String> wrapped = new java.util.ArrayList<>(List.of("timeout", "-k", "5", Integer.toString(seconds)));
        wrapped.addAll(List.of(command));
        Process process = new ProcessBuilder(wrapped).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(seconds + 10L, TimeUnit.SECONDS);
        assertThat(process.exitValue()).as("%s exited; its output:%n%s", command[0], output).isZero();
        return output;
    }
}
