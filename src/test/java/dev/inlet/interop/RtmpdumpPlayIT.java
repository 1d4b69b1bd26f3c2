package dev.inlet.interop;

import dev.inlet.testing.ExternalProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** rtmpdump (librtmp, the library behind many players and tools) records a live stream published by ffmpeg. */
class RtmpdumpPlayIT extends InteropTestBase {

    @Test
    void rtmpdumpRecordsTheFirstSecondsOfALiveStream() {
        ExternalProcess publisher = start("ffmpeg-publish",
                RtmpClients.ffmpegPublish(server.publishUrl(), 10, "320x240"));
        Path recording = file("rtmpdump.flv");
        ExternalProcess player = startPlayerWhenLive("rtmpdump",
                RtmpClients.rtmpdumpPlay(server.playUrl(), recording, 5));

        assertSucceeds(player);
        assertSucceeds(publisher);
        assertHasVideoAndAudio(recording, 4.0, publisher, player);
    }
}
