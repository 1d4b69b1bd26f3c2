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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP-FLV from the shipped EAR on embedded Payara: while ffmpeg publishes over RTMP, ffmpeg reads
 * {@code /live/demo.flv} over HTTP and ffprobe finds H.264 and AAC in what it recorded; a stream
 * without a publisher answers 404.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpFlvContainerIT {

    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final int HTTP_PORT = Integer.getInteger("inlet.it.http.port");
    private static final String PUBLISH_KEY = System.getProperty("inlet.demo.key");

    @Deployment(testable = false)
    static EnterpriseArchive inletEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
    }

    @Test
    void aStreamWithoutPublisherAnswers404() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/live/nobody.flv"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void ffmpegPlaysTheLiveStreamOverHttpFlv() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "http-flv-");
        Process publisher = start(dir.resolve("publish.log"), "timeout", "-k", "5", "40",
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-re", "-f", "lavfi", "-i", "sine", "-t", "8",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-rw_timeout", "5000000", "-f", "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + PUBLISH_KEY);
        try {
            Path recording = dir.resolve("http.flv");
            Process player = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int exit = -1;
            // retry until the publisher is live: before that the servlet answers 404
            while (System.nanoTime() < deadline) {
                player = start(dir.resolve("play.log"), "timeout", "-k", "5", "20",
                        "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning", "-rw_timeout", "5000000",
                        "-i", "http://127.0.0.1:" + HTTP_PORT + "/live/demo.flv", "-t", "3", "-c", "copy", "-y",
                        recording.toString());
                player.waitFor(30, TimeUnit.SECONDS);
                exit = player.exitValue();
                if (exit == 0) {
                    break;
                }
                Thread.sleep(300);
            }
            assertThat(exit).as("ffmpeg HTTP-FLV player; its output:%n%s", Files.readString(dir.resolve("play.log")))
                    .isZero();
            Process probe = new ProcessBuilder("timeout", "20", "ffprobe", "-v", "error", "-show_entries",
                    "stream=codec_name", "-of", "csv=p=0", recording.toString()).redirectErrorStream(true).start();
            String codecs = new String(probe.getInputStream().readAllBytes());
            probe.waitFor(25, TimeUnit.SECONDS);
            assertThat(codecs.lines().map(String::trim).toList()).contains("h264", "aac");
        } finally {
            publisher.destroy();
            if (!publisher.waitFor(10, TimeUnit.SECONDS)) {
                publisher.destroyForcibly();
            }
        }
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
