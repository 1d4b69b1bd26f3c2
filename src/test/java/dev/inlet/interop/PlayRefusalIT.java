package dev.inlet.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.testing.ExternalProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Playing a stream nobody publishes fails at once with StreamNotFound, instead of hanging the player. */
class PlayRefusalIT extends InteropTestBase {

    /** Well under ffmpeg's 5 s read timeout: the failure must come from the server's answer. */
    private static final Duration FAST = Duration.ofSeconds(4);

    @Test
    void playOfAStreamWithoutPublisherFailsFastWithStreamNotFound() {
        String unknownStream = server.url("nosuchstream");

        ExternalProcess ffmpeg = start("ffmpeg-play-unknown", RtmpClients.ffmpegPlay(unknownStream,
                file("ffmpeg-unknown.flv")));
        assertRefused(ffmpeg);
        // ffmpeg shows only the description of an error status, so this proves a status arrived, not its code.
        assertThat(ffmpeg.stderr()).as("ffmpeg:%n%s", ffmpeg.describe()).containsPattern("Server error: \\S");
        assertThat(ffmpeg.elapsed()).as("time to refuse ffmpeg").isLessThan(FAST);

        ExternalProcess rtmpdump = start("rtmpdump-unknown", RtmpClients.rtmpdumpPlay(unknownStream,
                file("rtmpdump-unknown.flv"), 5));
        assertRefused(rtmpdump);
        assertThat(rtmpdump.stderr()).as("rtmpdump:%n%s", rtmpdump.describe())
                .contains("NetStream.Play.StreamNotFound");
        assertThat(rtmpdump.elapsed()).as("time to refuse rtmpdump").isLessThan(FAST);

        ExternalProcess gstreamer = start("gst-play-unknown", RtmpClients.gstreamerPlay(unknownStream,
                file("gst-unknown.flv")));
        assertRefused(gstreamer);
        assertThat(gstreamer.stdout() + gstreamer.stderr()).as("GStreamer:%n%s", gstreamer.describe())
                .contains("NetStream.Play.StreamNotFound");
        assertThat(gstreamer.elapsed()).as("time to refuse GStreamer").isLessThan(FAST);
    }
}
