package dev.inlet.ingest.srt;

import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * SRT callers other than ffmpeg: GStreamer's {@code srtsink} (H.264 from x264enc and AAC from avenc_aac in its own
 * mpegtsmux) and libsrt's reference tool {@code srt-live-transmit} sending a TS file from its standard input. Each
 * time an ffmpeg RTMP player records the stream and ffprobe finds h264 + aac.
 */
class SrtOtherCallersIT extends SrtInteropBase {

    @Test
    void gstreamerSrtsinkPublishesAndAnRtmpPlayerRecordsH264AndAac() {
        String uri = srtUrl(srt.port(), "publish:" + key, 120); // GStreamer's latency is in milliseconds
        ExternalProcess publisher = start("gst-srtsink", List.of("gst-launch-1.0", "-e",
                "videotestsrc", "is-live=true", "num-buffers=150", "!",
                "video/x-raw,format=I420,width=320,height=240,framerate=25/1", "!", // 8-bit 4:2:0, as encoders send
                "x264enc", "tune=zerolatency", "speed-preset=ultrafast", "key-int-max=25", "!", "h264parse", "config-interval=-1", "!",
                // alignment=7: seven TS packets (1,316 bytes) per buffer, one SRT live message each. Without it mpegtsmux
                // hands srtsink whole frames, and the large ones (every IDR with its SPS/PPS) never arrive: a
                // capture through srt-live-transmit had only non-IDR slices, so no server could decode the video.
                "mpegtsmux", "name=mux", "alignment=7", "!", "srtsink", "uri=" + uri,
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
