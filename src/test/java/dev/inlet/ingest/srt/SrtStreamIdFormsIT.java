package dev.inlet.ingest.srt;

import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

/**
 * Every stream-id form an encoder may send names the key: ffmpeg 5.1 (built with libsrt) publishes H.264 + AAC in
 * MPEG-TS with each form, and an ffmpeg RTMP player of the stream records what ffprobe reads as h264 + aac.
 * Short publishes (a few seconds each) keep the five runs cheap.
 */
class SrtStreamIdFormsIT extends SrtInteropBase {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"#!::r=KEY,m=publish", "#!::r=live/KEY,m=publish", "publish:KEY", "publish:live/KEY",
            "KEY"})
    void eachStreamIdFormPublishesAndAnRtmpPlayerRecordsH264AndAac(String form) {
        String streamId = form.replace("KEY", key);
        // ffmpeg 5.1 takes the streamid option verbatim (no URL decoding): it goes into the URL as the encoder's
        // user would type it.
        String url = srtUrl(srt.port(), streamId, 120_000);
        ExternalProcess publisher = start("srt-publisher", ffmpegTsPublish(url, 6, "320x240", "testsrc"));
        awaitLive(STREAM, publisher);

        Path recording = file("rtmp-player.flv");
        ExternalProcess player = start("rtmp-player", rtmpRecorder(STREAM, 4, recording, 5_000_000));
        assertSucceeds(player);
        assertSucceeds(publisher);

        assertHasVideoAndAudio(recording, 3.0, publisher, player);
    }
}
