package dev.inlet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The end-to-end proof that a deployed Inlet works: ffmpeg publishes a few seconds of H.264 + AAC test
 * pattern by key, a second ffmpeg plays the stream by name and records it, and ffprobe must find both
 * codecs in the recording.
 */
final class RtmpRoundTrip {

    private static final int PUBLISH_SECONDS = 6;
    private static final int RECORD_SECONDS = 3;
    /** ffmpeg prints its first progress line once the output is open, i.e. once the server accepted the publish. */
    private static final String PUBLISHING = "frame=";

    private final DeploymentContext context;
    private final Path outputDirectory;

    RtmpRoundTrip(DeploymentContext context) {
        this.context = context;
        this.outputDirectory = context.workDirectory().resolve("rtmp");
    }

    void assertDemoStreamFlows(InletSettings settings, String round, Path serverLog) {
        assertFlows(settings, round, serverLog, publishCommand(settings, "flv", settings.publishUrl()), null);
    }

    /**
     * The same, with the encoder publishing MPEG-TS over SRT (libsrt through JNA inside the server), and a second
     * player recording it over HTTP-FLV (the servlet) at the same time.
     */
    void assertDemoStreamFlowsOverSrt(InletSettings settings, String round, Path serverLog, int httpPort) {
        assertFlows(settings, round + "-srt", serverLog, publishCommand(settings, "mpegts", settings.srtPublishUrl()),
                "http://127.0.0.1:" + httpPort + "/live/demo.flv");
    }

    /** @param httpFlvUrl where a second player records the stream over HTTP-FLV, or null for none */
    private void assertFlows(InletSettings settings, String round, Path serverLog, List<String> publishCommand,
                             String httpFlvUrl) {
        LoggedProcess publisher = context.runner().start("publish-" + round, publishCommand);
        LoggedProcess httpPlayer = null;
        try {
            boolean publishing = TcpPorts.poll(
                    () -> !publisher.isAlive() || LogTail.contains(publisher.log(), PUBLISHING), Duration.ofSeconds(15));
            assertThat(publishing && publisher.isAlive())
                    .as("%s: the encoder did not start publishing to %s; its log %s ends with:\n%s%s", round,
                            publishCommand.get(publishCommand.size() - 1).replace(settings.demoKey(), "<key>"), publisher.log(),
                            LogTail.of(publisher.log(), 40), CommandRunner.quote(serverLog))
                    .isTrue();

            Path recording = outputDirectory.resolve(round + "-played.flv");
            Path httpRecording = outputDirectory.resolve(round + "-played-http.flv");
            httpPlayer = httpFlvUrl == null ? null
                    : context.runner().start("play-http-" + round, playCommand(httpFlvUrl, httpRecording));
            CommandResult player = context.runner().run("play-" + round, Duration.ofSeconds(30),
                    playCommand(settings.playUrl(), recording));
            CommandResult httpPlayed = httpPlayer == null ? null : httpPlayer.awaitExit(Duration.ofSeconds(30));
            CommandResult encoder = publisher.awaitExit(Duration.ofSeconds(30));

            assertThat(player.succeeded())
                    .as("%s: the player could not record %s: %s%s", round, settings.playUrl(), player.report(),
                            CommandRunner.quote(serverLog))
                    .isTrue();
            assertThat(encoder.succeeded())
                    .as("%s: the encoder did not finish cleanly: %s%s", round, encoder.report(), CommandRunner.quote(serverLog))
                    .isTrue();
            assertThat(probeCodecs(round, recording))
                    .as("%s: codecs ffprobe found in %s", round, recording)
                    .contains("h264", "aac");
            if (httpPlayed != null) {
                assertThat(httpPlayed.succeeded())
                        .as("%s: the HTTP-FLV player could not record %s: %s%s", round, httpFlvUrl, httpPlayed.report(),
                                CommandRunner.quote(serverLog))
                        .isTrue();
                assertThat(probeCodecs(round + "-http", httpRecording))
                        .as("%s: codecs ffprobe found in %s", round, httpRecording)
                        .contains("h264", "aac");
            }
        } finally {
            if (publisher.isAlive()) {
                publisher.kill();
            }
            if (httpPlayer != null && httpPlayer.isAlive()) {
                httpPlayer.kill();
            }
        }
    }

    private List<String> probeCodecs(String round, Path recording) {
        CommandResult probe = context.runner().runSuccessfully("ffprobe-" + round, Duration.ofSeconds(20), List.of(
                context.environment().ffprobe(), "-v", "error", "-show_streams", "-of", "json", recording.toString()));
        try {
            return StreamProbe.codecNames(Files.readString(probe.log(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> publishCommand(InletSettings settings, String format, String url) {
        return List.of(context.environment().ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "info",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-re", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", Integer.toString(PUBLISH_SECONDS),
                // yuv420p: the pixel format every H.264 decoder accepts (testsrc is RGB); ultrafast spares the 2 CPUs.
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
                "-c:a", "aac",
                "-f", format, url);
    }

    private List<String> playCommand(String url, Path recording) {
        try {
            Files.createDirectories(recording.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(context.environment().ffmpeg(), "-hide_banner", "-nostdin", "-y", "-loglevel", "info",
                "-rw_timeout", "5000000", "-i", url,
                "-t", Integer.toString(RECORD_SECONDS), "-c", "copy", "-f", "flv", recording.toString());
    }
}
