package dev.inlet.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.RequiredTools;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A refused publish gets a clear answer (an onStatus error) before the close, not just a dropped connection.
 *
 * <p>What the clients show of that answer: ffmpeg logs only the status description, as
 * {@code Server error: <description>}, and only for a status of level {@code error}; GStreamer's rtmp2sink
 * prints the whole status object, code included.
 */
class PublishRefusalIT extends InteropTestBase {

    /** ffmpeg's rendering of an error status: the description, which must say something. */
    private static final String FFMPEG_STATUS_ERROR = "Server error: \\S";
    private static final String BAD_NAME = "NetStream.Publish.BadName";
    /** A refusal is an answer, not a wait for a timeout. */
    private static final Duration FAST = Duration.ofSeconds(4);

    @Test
    void publishToAnUnknownKeyIsRefusedWithAnErrorStatus() {
        String unknownKey = server.url("not-a-key-" + System.nanoTime());

        ExternalProcess ffmpeg = start("ffmpeg-unknown-key", RtmpClients.ffmpegPublish(unknownKey, 5, "320x240"));
        assertRefused(ffmpeg);
        assertThat(ffmpeg.stderr()).as("ffmpeg should report the server's error status:%n%s", ffmpeg.describe())
                .containsPattern(FFMPEG_STATUS_ERROR);
        assertThat(ffmpeg.elapsed()).as("time to refuse ffmpeg").isLessThan(FAST);

        ExternalProcess gstreamer = start("gst-unknown-key",
                RtmpClients.gstreamerPublish(unknownKey, 5, RequiredTools.aacEncoderElement()));
        assertRefused(gstreamer);
        assertThat(gstreamer.stdout() + gstreamer.stderr())
                .as("GStreamer should report the BadName status:%n%s", gstreamer.describe())
                .contains(BAD_NAME);
        assertThat(gstreamer.elapsed()).as("time to refuse GStreamer").isLessThan(FAST);
    }

    @Test
    void secondPublisherOnABusyKeyIsRefusedWhileTheFirstKeepsStreaming() {
        ExternalProcess first = start("ffmpeg-publish-first",
                RtmpClients.ffmpegPublish(server.publishUrl(), 10, "320x240"));
        Path recording = file("first-stream.flv");
        ExternalProcess player = startPlayerWhenLive("ffmpeg-play",
                RtmpClients.ffmpegPlay(server.playUrl(), recording));

        ExternalProcess secondFfmpeg = start("ffmpeg-publish-second",
                RtmpClients.ffmpegPublish(server.publishUrl(), 5, "320x240"));
        assertRefused(secondFfmpeg);
        assertThat(secondFfmpeg.stderr()).as("second ffmpeg publisher:%n%s", secondFfmpeg.describe())
                .containsPattern(FFMPEG_STATUS_ERROR)
                .containsIgnoringCase("already publishing");

        ExternalProcess secondGstreamer = start("gst-publish-second",
                RtmpClients.gstreamerPublish(server.publishUrl(), 5, RequiredTools.aacEncoderElement()));
        assertRefused(secondGstreamer);
        assertThat(secondGstreamer.stdout() + secondGstreamer.stderr())
                .as("second GStreamer publisher:%n%s", secondGstreamer.describe())
                .contains(BAD_NAME);

        assertThat(first.isAlive()).as("the first publisher must survive the refusals:%n%s", first.describe())
                .isTrue();
        assertSucceeds(first);
        assertSucceeds(player);
        assertHasVideoAndAudio(recording, 8.0, first, player, secondFfmpeg, secondGstreamer);
    }
}
