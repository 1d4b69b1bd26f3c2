package dev.inlet.interop;

import dev.inlet.testing.ExternalProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
        // rtmpdump --live sends FCSubscribe; an "_error" answer is printed as an ERROR line.
        assertThat(player.stderr()).as(player.describe())
                .contains("onFCSubscribe").doesNotContain("ERROR");
    }
}
