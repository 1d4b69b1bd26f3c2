package dev.inlet.interop;

import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.NginxRtmp;
import dev.inlet.testing.RequiredTools;
import dev.inlet.testing.TcpRelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Re-records the real RTMP traffic captures used by the parser tests (not a test itself). Each client talks to
 * nginx-rtmp through a {@link TcpRelay} that keeps the first bytes of the conversation.
 *
 * <p>Run from the repository root after {@code mvn -f src/pom.xml test-compile}:
 * <pre>java -cp src/target/test-classes:src/target/classes dev.inlet.interop.CaptureRecorder src/test/resources/captures</pre>
 */
public final class CaptureRecorder {

    private static final int PUBLISH_LIMIT = 64 * 1024;
    private static final int PLAY_RESPONSE_LIMIT = 128 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private CaptureRecorder() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "src/test/resources/captures");
        Path work = Files.createTempDirectory("inlet-captures");
        Files.createDirectories(output);
        RequiredTools.assertInstalled(work);
        try (NginxRtmp nginx = NginxRtmp.start(work, name -> true)) {
            InetSocketAddress upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), nginx.port());

            try (TcpRelay relay = TcpRelay.start(upstream, PUBLISH_LIMIT)) {
                run(work, "ffmpeg-publish", relay, RtmpClients.ffmpegPublish(url(relay.port(), "demo"), 4, "640x360"));
                Files.write(output.resolve("ffmpeg-publish.bin"), relay.clientToServer());
            }
            try (TcpRelay relay = TcpRelay.start(upstream, PUBLISH_LIMIT)) {
                run(work, "gstreamer-publish", relay, RtmpClients.gstreamerPublish(url(relay.port(), "demo"), 4,
                        RequiredTools.aacEncoderElement()));
                Files.write(output.resolve("gstreamer-publish.bin"), relay.clientToServer());
            }
            try (TcpRelay relay = TcpRelay.start(upstream, PLAY_RESPONSE_LIMIT);
                 ExternalProcess publisher = ExternalProcess.start("play-source", work, WAIT,
                         RtmpClients.ffmpegPublish(url(nginx.port(), "demo"), 8, "640x360"))) {
                Thread.sleep(1500); // let the publisher go live and send a key frame
                run(work, "ffmpeg-play", relay, RtmpClients.ffmpegPlay(url(relay.port(), "demo"),
                        work.resolve("play.flv")));
                Files.write(output.resolve("ffmpeg-play.bin"), relay.clientToServer());
                Files.write(output.resolve("nginx-play-response.bin"), relay.serverToClient());
                publisher.awaitExit();
            }
        }
        System.out.println("captures written to " + output.toAbsolutePath() + "; client logs in " + work);
    }

    private static void run(Path work, String name, TcpRelay relay, List<String> command)
            throws InterruptedException, IOException {
        try (ExternalProcess client = ExternalProcess.start(name, work, WAIT, command)) {
            client.awaitExit();
            if (client.timedOut() || client.exitCode() != 0) {
                throw new IOException("capture client failed: " + client.describe());
            }
            relay.awaitClosed(Duration.ofSeconds(5));
        }
    }

    private static String url(int port, String name) {
        return "rtmp://127.0.0.1:" + port + "/live/" + name;
    }
}
