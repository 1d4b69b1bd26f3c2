package dev.inlet.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * Command lines of the real RTMP clients the interop tests drive, validated against nginx-rtmp.
 *
 * <p>The test pattern has a key frame every 2 s ({@code -g 50} at 25 fps), like a typical live encoder, and AAC
 * audio; publishers run in real time so that players see a live stream, not a burst.
 */
final class RtmpClients {

    /** ffmpeg gives up on a socket that stays silent this long (microseconds), instead of hanging. */
    private static final String RW_TIMEOUT_MICROS = "5000000";
    private static final int FRAME_RATE = 25;

    private RtmpClients() {
    }

    /** ffmpeg publishing an H.264 + AAC test pattern in real time for {@code seconds}. */
    static List<String> ffmpegPublish(String url, int seconds, String size) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-stats_period", "1",
                "-re",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + FRAME_RATE,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", Integer.toString(2 * FRAME_RATE),
                "-c:a", "aac", "-b:a", "64k", "-ar", "44100",
                "-f", "flv", "-rw_timeout", RW_TIMEOUT_MICROS, url);
    }

    /** ffmpeg playing a stream into an FLV file without re-encoding. */
    static List<String> ffmpegPlay(String url, Path output) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-stats_period", "1",
                "-rw_timeout", RW_TIMEOUT_MICROS, "-i", url,
                "-c", "copy", "-f", "flv", "-y", output.toString());
    }

    /**
     * GStreamer's rtmp2sink publishing an H.264 + AAC test pattern in real time for {@code seconds}.
     * {@code -e} turns the end of the sources into a clean EOS, so the sink closes the stream properly.
     */
    static List<String> gstreamerPublish(String url, int seconds, String aacEncoder) {
        int videoFrames = seconds * FRAME_RATE;
        int audioBuffers = seconds * 44100 / 1024; // audiotestsrc's default buffer holds 1024 samples
        String pipeline = "videotestsrc is-live=true num-buffers=" + videoFrames
                + " ! video/x-raw,width=320,height=240,framerate=" + FRAME_RATE + "/1"
                + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=" + 2 * FRAME_RATE
                + " ! h264parse ! queue ! mux."
                + " audiotestsrc is-live=true num-buffers=" + audioBuffers
                + " ! audio/x-raw,rate=44100,channels=1 ! audioconvert ! " + aacEncoder + " bitrate=64000"
                + " ! aacparse ! queue ! mux."
                + " flvmux name=mux streamable=true ! rtmp2sink location=" + url + " timeout=5";
        return gstLaunch(pipeline);
    }

    /** GStreamer's rtmp2src playing a stream into a raw FLV file. */
    static List<String> gstreamerPlay(String url, Path output) {
        return gstLaunch("rtmp2src location=" + url + " timeout=5 idle-timeout=5 ! filesink location=" + output);
    }

    /** rtmpdump recording the first {@code seconds} of a live stream. */
    static List<String> rtmpdumpPlay(String url, Path output, int seconds) {
        return List.of("rtmpdump", "--live", "--rtmp", url, "--flv", output.toString(),
                "--stop", Integer.toString(seconds), "--timeout", "10", "--verbose");
    }

    private static List<String> gstLaunch(String pipeline) {
        // gst-launch takes the pipeline as separate words; no element property here contains a space.
        List<String> words = new java.util.ArrayList<>(List.of("gst-launch-1.0", "-e"));
        words.addAll(List.of(pipeline.split(" ")));
        return List.copyOf(words);
    }
}
