package dev.inlet.interop;

import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.RequiredTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** GStreamer's rtmp2 elements, an RTMP implementation independent of ffmpeg's, publish and play. */
class GstreamerPublishPlayIT extends InteropTestBase {

    @Test
    void streamPublishedByRtmp2sinkPlaysBackInRtmp2src() {
        ExternalProcess publisher = start("gst-publish",
                RtmpClients.gstreamerPublish(server.publishUrl(), 10, RequiredTools.aacEncoderElement()));
        Path recording = file("gst-play.flv");
        ExternalProcess player = startPlayerWhenLive("gst-play", RtmpClients.gstreamerPlay(server.playUrl(), recording));

        assertSucceeds(publisher);
        // rtmp2src ends with a clean EOS only if the server tells it the stream ended (Stream EOF / unpublish).
        assertSucceeds(player);
        assertHasVideoAndAudio(recording, 8.0, publisher, player);
    }
}
