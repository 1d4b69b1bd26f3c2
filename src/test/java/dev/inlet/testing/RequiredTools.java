package dev.inlet.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the real RTMP clients the interop tests drive are installed. A missing tool FAILS the tests
 * (never skips them): a green build must mean the clients were really exercised.
 */
public final class RequiredTools {

    /** Debian/Ubuntu packages that provide every tool and GStreamer element the interop tests use. */
    public static final String INSTALL_HINT = "sudo apt-get install ffmpeg rtmpdump gstreamer1.0-tools"
            + " gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad"
            + " gstreamer1.0-plugins-ugly gstreamer1.0-libav nginx libnginx-mod-rtmp";

    private static final List<String> PROGRAMS = List.of("ffmpeg", "ffprobe", "gst-launch-1.0", "gst-inspect-1.0",
            "rtmpdump", "nginx");
    /** nginx-rtmp, a restream target for the relay tests. */
    private static final Path NGINX_RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
    private static final List<String> GSTREAMER_ELEMENTS = List.of("rtmp2sink", "rtmp2src", "flvmux", "flvdemux",
            "x264enc", "videotestsrc", "audiotestsrc", "aacparse");
    /** Either AAC encoder will do; voaacenc (plugins-bad) is preferred, avenc_aac comes with gstreamer1.0-libav. */
    private static final List<String> AAC_ENCODERS = List.of("voaacenc", "avenc_aac");

    private static volatile String aacEncoder;

    private RequiredTools() {
    }

    /** Fails with an install hint unless every required program and GStreamer element is present. */
    public static synchronized void assertInstalled(Path logDir) {
        if (aacEncoder != null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String program : PROGRAMS) {
            if (!onPath(program)) {
                missing.add("program " + program);
            }
        }
        if (!java.nio.file.Files.isRegularFile(NGINX_RTMP_MODULE)) {
            missing.add("nginx's RTMP module " + NGINX_RTMP_MODULE);
        }
        if (missing.isEmpty()) {
            for (String element : GSTREAMER_ELEMENTS) {
                if (!hasGstreamerElement(element, logDir)) {
                    missing.add("GStreamer element " + element);
                }
            }
            String found = AAC_ENCODERS.stream().filter(e -> hasGstreamerElement(e, logDir)).findFirst().orElse(null);
            if (found == null) {
                missing.add("a GStreamer AAC encoder (one of " + AAC_ENCODERS + ")");
            } else if (missing.isEmpty()) {
                aacEncoder = found;
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("The interop tests need real RTMP clients, but these are missing: " + missing
                    + ". Install them with: " + INSTALL_HINT);
        }
    }

    /** The GStreamer AAC encoder element to use; call {@link #assertInstalled} first. */
    public static String aacEncoderElement() {
        if (aacEncoder == null) {
            throw new IllegalStateException("call RequiredTools.assertInstalled first");
        }
        return aacEncoder;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasGstreamerElement(String element, Path logDir) {
        ExternalProcess inspect = ExternalProcess.run("gst-inspect-" + element, logDir, Duration.ofSeconds(30),
                List.of("gst-inspect-1.0", "--exists", element));
        return !inspect.timedOut() && inspect.exitCode() == 0;
    }
}
