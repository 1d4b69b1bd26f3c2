package dev.inlet.interop;

import dev.inlet.testing.ExternalProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ffmpeg publishes a live H.264 + AAC stream, another ffmpeg plays it back. */
class FfmpegPublishPlayIT extends InteropTestBase {

    @Test
    void streamPublishedByFfmpegPlaysBackInFfmpegWithVideoAndAudio() {
        ExternalProcess publisher = start("ffmpeg-publish",
                RtmpClients.ffmpegPublish(server.publishUrl(), 10, "640x360"));
        Path recording = file("ffmpeg-play.flv");
        ExternalProcess player = startPlayerWhenLive("ffmpeg-play", RtmpClients.ffmpegPlay(server.playUrl(), recording));

        assertSucceeds(publisher);
        assertSucceeds(player);
        assertHasVideoAndAudio(recording, 8.0, publisher, player);
    }
}
