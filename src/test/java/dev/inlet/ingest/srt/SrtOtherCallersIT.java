package dev.inlet.ingest.srt;

import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * SRT callers other than ffmpeg: GStreamer's {@code srtsink} (H.264 from x264enc and AAC from avenc_aac in its own
 * mpegtsmux) and libsrt's reference tool {@code srt-live-transmit} sending a TS file from its standard input. Each
 * time an ffmpeg RTMP player records the stream and ffprobe finds h264 + aac.
 */
class SrtOtherCallersIT extends SrtInteropBase {

    @Disabled("open finding (issue 13): live from GStreamer's srtsink no video frame reaches the stream's hub (its"
            + " audio does). A capture of the same live pipeline through srt-live-transmit lacks its first frames and"
            + " has no random-access video frame after them, so no SPS/PPS ever arrives and the TS ingest drops all"
            + " video; the same pipeline written to a file has keyframes every 25 frames and converts to h264 + aac."
            + " Whether srtsink drops buffers before it connects and x264enc/h264parse then send no IDR is to be found")
    @Test
    void gstreamerSrtsinkPublishesAndAnRtmpPlayerRecordsH264AndAac() {
        String uri = srtUrl(srt.port(), "publish:" + key, 120); // GStreamer's latency is in milliseconds
        ExternalProcess publisher = start("gst-srtsink", List.of("gst-launch-1.0", "-e",
                "videotestsrc", "is-live=true", "num-buffers=150", "!",
                "video/x-raw,format=I420,width=320,height=240,framerate=25/1", "!", // 8-bit 4:2:0, as encoders send
                "x264enc", "tune=zerolatency", "speed-preset=ultrafast", "key-int-max=25", "!", "h264parse", "config-interval=-1", "!",
                "mpegtsmux", "name=mux", "!", "srtsink", "uri=" + uri,
                "audiotestsrc", "is-live=true", "num-buffers=260", "!", "audioconvert", "!", "avenc_aac", "!",
                "aacparse", "!", "mux."));
        awaitLive(STREAM, publisher);

        Path recording = file("rtmp-player.flv");
        ExternalProcess player = start("rtmp-player", rtmpRecorder(STREAM, 4, recording, 5_000_000));
        assertSucceeds(player);
        assertSucceeds(publisher);

        assertHasVideoAndAudio(recording, 3.0, publisher, player);
    }

    @Test
    void srtLiveTransmitPublishesATsFileAndAnRtmpPlayerRecordsH264AndAac() {
        Path ts = file("input.ts");
        assertSucceeds(start("make-ts", List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine", "-t", "6",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-f", "mpegts", "-y", ts.toString())));

        // file://con reads standard input as fast as it comes: ffmpeg -re copies the file into it in real time, in
        // whole 188-byte TS packets, seven per SRT message (-chunk 1316). srt-live-transmit 1.5.1 does not end at
        // the end of its standard input, so its exit timer (-t, exit code 0) ends it after the 6 s file.
        String srtUri = srtUrl(srt.port(), "publish:" + key, 120_000 / 1000);
        ExternalProcess publisher = start("srt-live-transmit", List.of("bash", "-c",
                "set -o pipefail; ffmpeg -hide_banner -nostdin -loglevel error -re -i '" + ts + "' -c copy "
                        + "-f mpegts -muxrate 0 - | srt-live-transmit -a:no -chunk:1316 -t:9 file://con '" + srtUri
                        + "'"));
        awaitLive(STREAM, publisher);

        Path recording = file("rtmp-player.flv");
        ExternalProcess player = start("rtmp-player", rtmpRecorder(STREAM, 4, recording, 5_000_000));
        assertSucceeds(player);
        assertSucceeds(publisher);

        assertHasVideoAndAudio(recording, 3.0, publisher, player);
    }
}
