package dev.inlet.container;

import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * HTTP-FLV from the shipped EAR on embedded Payara: while ffmpeg publishes over RTMP, ffmpeg reads
 * {@code /live/demo.flv} over HTTP and ffprobe finds H.264 and AAC in what it recorded; a stream
 * without a publisher answers 404; an SRT publish plays the same way; a client that never reads is dropped and its
 * connection reset.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpFlvContainerIT {

    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final int HTTP_PORT = Integer.getInteger("inlet.it.http.port");
    private static final String PUBLISH_KEY = System.getProperty("inlet.demo.key");
    /** The EAR's SRT listener: the default port, libsrt is installed wherever the suite runs. */
    private static final int SRT_PORT = 8890;

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

    /** An SRT publish is an input like an RTMP one: HTTP-FLV players play it (issue 13). */
    @Test
    void ffmpegPlaysAnSrtPublishOverHttpFlv() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "http-flv-srt-");
        Process publisher = start(dir.resolve("publish.log"), "timeout", "-k", "5", "50",
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-re", "-f", "lavfi", "-i", "sine", "-t", "16",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-f", "mpegts", "srt://127.0.0.1:" + SRT_PORT + "?streamid=publish:" + PUBLISH_KEY + "&latency=120000");
        try {
            Path recording = dir.resolve("http.flv");
            int exit = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) { // 404 until the SRT publisher is live
                Process player = start(dir.resolve("play.log"), "timeout", "-k", "5", "30",
                        "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning", "-rw_timeout", "5000000",
                        "-i", "http://127.0.0.1:" + HTTP_PORT + "/live/demo.flv", "-t", "9", "-c", "copy", "-y",
                        recording.toString());
                player.waitFor(40, TimeUnit.SECONDS);
                exit = player.exitValue();
                if (exit == 0 || !publisher.isAlive()) {
                    break;
                }
                Thread.sleep(300);
            }
            assertThat(exit).as("ffmpeg HTTP-FLV player of the SRT publish; its output:%n%s%npublisher:%n%s",
                    Files.readString(dir.resolve("play.log")), Files.readString(dir.resolve("publish.log"))).isZero();
            Process probe = new ProcessBuilder("timeout", "20", "ffprobe", "-v", "error", "-show_entries",
                    "stream=codec_name:format=duration", "-of", "csv=p=0", recording.toString())
                    .redirectErrorStream(true).start();
            List<String> lines = new String(probe.getInputStream().readAllBytes()).lines().map(String::trim).toList();
            probe.waitFor(25, TimeUnit.SECONDS);
            assertThat(lines).contains("h264", "aac");
            double seconds = Double.parseDouble(lines.get(lines.size() - 1));
            assertThat(seconds).as("seconds recorded; ffprobe said %s", lines).isGreaterThanOrEqualTo(8.0);
        } finally {
            publisher.destroy();
            if (!publisher.waitFor(10, TimeUnit.SECONDS)) {
                publisher.destroyForcibly();
            }
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedAndItsConnectionReset() throws Exception {
        AtomicBoolean publishing = new AtomicBoolean(true);
        try (DemoPublisher publisher = DemoPublisher.start(); Socket stalled = new Socket()) {
            Thread frames = new Thread(() -> {
                byte[] key = avcFrame(true, 50_000);
                byte[] inter = avcFrame(false, 50_000);
                try {
                    for (long i = 0; publishing.get(); i++) {
                        publisher.client().sendMedia(publisher.stream(), 9, i * 10, i % 100 == 0 ? key : inter);
                        Thread.sleep(2); // about 20 MB a second: far more than the stalled client takes
                    }
                } catch (IOException | InterruptedException e) {
                    publishing.set(false);
                }
            }, "it-publisher");
            stalled.setReceiveBufferSize(8 * 1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", HTTP_PORT));
            stalled.getOutputStream().write(("GET /live/demo.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            frames.start();
            try {
                awaitMetric("inlet_stream_players{stream=\"demo\"}", players -> players == 1, Duration.ofSeconds(20));
                // never read: the socket fills, then the container's and the player's queue; the hub skips its frames
                // and, after inlet.hub.max-lag-seconds (10 s), ends it — or the queue bound drops it first
                awaitMetric("inlet_stream_players{stream=\"demo\"}", players -> players == 0, Duration.ofSeconds(30));
                assertThat(publishing).as("the publisher went on").isTrue();
            } finally {
                publishing.set(false);
                frames.join(5_000);
            }
            stalled.setSoTimeout(2_000);
            InputStream in = stalled.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            assertThatThrownBy(() -> {
                while (in.read(buffer) >= 0) {
                    // what reached this socket before the drop
                }
            }).as("the connection was reset, what the container held for it dropped")
                    .isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    /** Stream demo published by the project's own client. */
    private record DemoPublisher(RtmpClient client, int stream) implements AutoCloseable {

        /** Publishes (retrying while an earlier test's publish still holds the key) and sends the decoder set-up. */
        static DemoPublisher start() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                RtmpClient client = RtmpClient.connect("127.0.0.1", RTMP_PORT, "live", Duration.ofSeconds(10));
                int stream = client.createStream();
                if (NetStatus.PUBLISH_START.equals(client.publish(stream, PUBLISH_KEY).code())) {
                    client.sendMedia(stream, 9, 0, AVC_HEADER);
                    return new DemoPublisher(client, stream);
                }
                client.close();
                assertThat(System.nanoTime()).as("demo could be published").isLessThan(deadline);
                Thread.sleep(300);
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    /** Waits until the scraped value of {@code series} satisfies {@code condition}. */
    private static void awaitMetric(String series, java.util.function.LongPredicate condition, Duration within)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Long value = last.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                    .map(line -> (long) Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(null);
            if (value != null && condition.test(value)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("%s did not reach the expected value within %s; last scrape:%n%s", series, within, last);
    }

    /** An AVC sequence header: High profile, level 3.1, one 4-byte SPS and one 2-byte PPS. */
    private static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 4,
            0x67, 0x64, 0, 0x1F, 1, 0, 2, 0x68, (byte) 0xEE};

    private static byte[] avcFrame(boolean keyframe, int size) {
        byte[] body = new byte[size];
        body[0] = (byte) (keyframe ? 0x17 : 0x27);
        body[1] = 1;
        body[8] = (byte) (size - 9);
        body[9] = (byte) (keyframe ? 0x65 : 0x41);
        return body;
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
