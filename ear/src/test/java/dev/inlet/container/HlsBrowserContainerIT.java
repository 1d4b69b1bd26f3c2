package dev.inlet.container;

import dev.inlet.browser.Playwright;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real browser plays the shipped EAR's HLS: Debian's headless Chromium, driven by Playwright, opens the
 * application's own player page {@code /play/} (hls.js, served from the EAR) while ffmpeg publishes H.264 + AAC over
 * RTMP. The video's {@code currentTime} advances for 10 s with no hls.js error, once in low-latency mode and once as
 * plain HLS; hls.js's live latency and the time from page load to the first frame are recorded in the test log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HlsBrowserContainerIT {

    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final int HTTP_PORT = Integer.getInteger("inlet.it.http.port");
    private static final String PUBLISH_KEY = System.getProperty("inlet.demo.key");
    private static final String ORIGIN = "http://127.0.0.1:" + HTTP_PORT;
    private static final int WATCH_SECONDS = 10;

    private static Process publisher;
    private static Path dir;

    @Deployment(testable = false)
    static EnterpriseArchive inletEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
    }

    @BeforeAll
    static void publish() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "hls-browser-");
        Playwright.scripts();
        publisher = new ProcessBuilder("timeout", "-k", "5", "150",
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
                "-re", "-f", "lavfi", "-i", "sine", "-t", "140",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-rw_timeout", "5000000", "-f", "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + PUBLISH_KEY)
                .redirectErrorStream(true).redirectOutput(dir.resolve("publish.log").toFile()).start();
        // The browsers join a stream that has been live for two segments, as viewers usually do. (hls.js joining in
        // the first second of a stream stalls once, about a second in: see docs/architecture.md.)
        HttpClient client = HttpClient.newHttpClient();
        URI multivariant = URI.create(ORIGIN + "/live/demo/index.m3u8");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String playlist = "";
        while (playlist.lines().filter(line -> line.startsWith("#EXTINF")).count() < 2) {
            assertThat(System.nanoTime() < deadline).as("the stream has two complete segments within 30 s; the "
                    + "playlist:%n%s%npublisher log:%n%s", playlist, Files.readString(dir.resolve("publish.log")))
                    .isTrue();
            Thread.sleep(200);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(multivariant)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            String media = response.body().lines().filter(line -> line.startsWith("media.m3u8")).findFirst()
                    .orElse(null);
            if (response.statusCode() == 200 && media != null) {
                response = client.send(HttpRequest.newBuilder(multivariant.resolve(media))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                playlist = response.statusCode() == 200 ? response.body() : "";
            }
        }
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
    void chromiumPlaysLowLatencyHlsWithHlsJs() throws Exception {
        Map<String, String> seen = play("/play/?stream=demo", "low-latency");
        assertPlayedWithoutErrors(seen);
        assertThat(Integer.parseInt(seen.get("latency.samples"))).as("hls.js measured its live latency").isPositive();
    }

    @Test
    void chromiumPlaysPlainHlsWithHlsJs() throws Exception {
        assertPlayedWithoutErrors(play("/play/?stream=demo&ll=0", "plain"));
    }

    @Test
    void thePlayerPageSaysWhenTheStreamIsNotLive() throws Exception {
        Map<String, String> seen = play("/play/?stream=nobody", "not-live");
        assertThat(seen.get("errors")).as("what hls.js reported").contains("manifestLoadError:fatal:404");
        assertThat(seen.get("exit")).isEqualTo("1");
    }

    private static void assertPlayedWithoutErrors(Map<String, String> seen) {
        assertThat(seen.get("exit")).as("player exit; what it saw: %s", seen).isEqualTo("0");
        assertThat(seen.get("engine")).startsWith("hls.js ");
        assertThat(seen.get("errors")).as("hls.js errors").isEmpty();
        assertThat(seen.get("size")).isEqualTo("640x360");
        assertThat(Double.parseDouble(seen.get("played"))).as("seconds the video's currentTime advanced while "
                + "watched for %d s", WATCH_SECONDS).isGreaterThanOrEqualTo(WATCH_SECONDS - 1.0);
        assertThat(Long.parseLong(seen.get("firstFrameMs"))).as("first frame after page load").isPositive();
    }

    /** Runs play.mjs on the page; its key=value lines, all error= lines joined under "errors", and its exit code. */
    private static Map<String, String> play(String page, String label) throws Exception {
        Path script = Path.of(HlsBrowserContainerIT.class.getResource("/browser/play.mjs").toURI());
        Path out = dir.resolve("chromium-" + label + ".out");
        Path err = dir.resolve("chromium-" + label + ".log");
        Process player = new ProcessBuilder("timeout", "-k", "5", String.valueOf(WATCH_SECONDS + 50), "node",
                script.toString(), ORIGIN + page, String.valueOf(WATCH_SECONDS))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!player.waitFor(WATCH_SECONDS + 60L, TimeUnit.SECONDS)) {
            player.destroyForcibly();
            fail("the browser did not finish; its log:%n%s", Files.readString(err));
        }
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            String[] pair = line.split("=", 2);
            if (pair.length == 2 && pair[0].equals("error")) {
                errors.add(pair[1]);
            } else if (pair.length == 2) {
                seen.put(pair[0], pair[1]);
            }
        }
        seen.put("errors", String.join(", ", errors));
        seen.put("exit", String.valueOf(player.exitValue()));
        System.out.printf("Chromium + hls.js, %s HLS: first frame %s ms after page load, hls.js latency p50 %s s "
                        + "(max %s s), played %s s in %d s, errors [%s]%n", label, seen.get("firstFrameMs"),
                seen.get("latency.p50"), seen.get("latency.max"), seen.get("played"), WATCH_SECONDS, seen.get("errors"));
        if (!seen.containsKey("engine")) {
            fail("the player reported nothing (exit %s); its log:%n%s", seen.get("exit"), Files.readString(err));
        }
        return seen;
    }
}
