package dev.inlet.interop.enhanced;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ffmpeg and ffprobe 8.1, the first that write and read Enhanced RTMP v2 multitrack FLV (7.1 cannot). They come from
 * {@code org.bytedeco:ffmpeg:8.1.2-1.5.14:linux-x86_64-gpl}, the same artifact as {@link Ffmpeg71}'s in another
 * version, so not from the class path: {@code src/pom.xml} has the maven-dependency-plugin unpack it into
 * {@code target/ffmpeg-8.1} before the interop tests. Every command runs under {@code timeout}. Missing pieces fail the test
 * with an install hint; nothing is skipped.
 */
public final class Ffmpeg81 {

    public static final String INSTALL_HINT = "ffmpeg 8.1 is unpacked by Maven (maven-dependency-plugin, execution"
            + " ffmpeg-8.1 in src/pom.xml) from org.bytedeco:ffmpeg:8.1.2-1.5.14:linux-x86_64-gpl: run the tests"
            + " through Maven (online once), and install Debian's libpulse0 libva2 libva-drm2";
    private static final String UNPACKED = "ffmpeg-8.1/org/bytedeco/ffmpeg/linux-x86_64-gpl";
    /** A hard limit for each run, above the tests' own deadlines, in case the JVM cannot kill it. */
    private static final String HARD_TIMEOUT = "150s";

    private Ffmpeg81() {
    }

    /** The command prefix that runs ffmpeg 8.1 with its libraries. */
    public static List<String> ffmpeg() {
        return command("ffmpeg");
    }

    public static List<String> ffprobe() {
        return command("ffprobe");
    }

    private static List<String> command(String program) {
        Path dir = directory();
        List<String> command = new ArrayList<>(List.of("timeout", "--kill-after=5s", HARD_TIMEOUT, "env"));
        command.add("LD_LIBRARY_PATH=" + dir);
        command.add(dir.resolve(program).toString());
        return command;
    }

    private static synchronized Path directory() {
        Path dir = Path.of(System.getProperty("basedir", "."), "target").resolve(UNPACKED);
        for (String program : List.of("ffmpeg", "ffprobe")) {
            File executable = dir.resolve(program).toFile();
            if (!executable.isFile()) {
                throw new AssertionError("ffmpeg 8.1 is not unpacked in " + dir + ". " + INSTALL_HINT);
            }
            // Unpacking a jar does not keep the executable bit.
            if (!executable.canExecute() && !executable.setExecutable(true)) {
                throw new AssertionError("cannot make " + executable + " executable");
            }
        }
        return dir;
    }
}
