package dev.inlet.interop.enhanced;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * ffmpeg and ffprobe 7.1 (Debian's 5.1 has no Enhanced RTMP), taken from the test-scoped
 * {@code org.bytedeco:ffmpeg:7.1.1-1.5.12:linux-x86_64-gpl} jar and unpacked once into {@code target/ffmpeg-7.1}.
 * Missing pieces fail the test with an install hint; nothing is skipped.
 */
public final class Ffmpeg71 {

    public static final String INSTALL_HINT = "ffmpeg 7.1 comes from the test dependency org.bytedeco:ffmpeg:7.1.1-1.5.12"
            + ":linux-x86_64-gpl (run the tests through Maven) and needs Debian's libpulse0 libva2 libva-drm2:"
            + " sudo apt-get install libpulse0 libva2 libva-drm2";
    private static final String JAR_DIR = "org/bytedeco/ffmpeg/linux-x86_64-gpl/";
    private static Path directory;

    private Ffmpeg71() {
    }

    /** The command prefix that runs ffmpeg 7.1 with its libraries. */
    public static List<String> ffmpeg() {
        return command("ffmpeg");
    }

    public static List<String> ffprobe() {
        return command("ffprobe");
    }

    private static List<String> command(String program) {
        Path dir = directory();
        List<String> command = new ArrayList<>();
        command.add("env");
        command.add("LD_LIBRARY_PATH=" + dir);
        command.add(dir.resolve(program).toString());
        return command;
    }

    static synchronized Path directory() {
        if (directory != null) {
            return directory;
        }
        URL ffmpeg = Ffmpeg71.class.getClassLoader().getResource(JAR_DIR + "ffmpeg");
        if (ffmpeg == null) {
            throw new AssertionError("ffmpeg 7.1 is not on the test class path. " + INSTALL_HINT);
        }
        Path target = Path.of(System.getProperty("basedir", "."), "target", "ffmpeg-7.1");
        try {
            Files.createDirectories(target);
            JarURLConnection connection = (JarURLConnection) ffmpeg.openConnection();
            try (JarFile jar = connection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (entry.isDirectory() || !name.startsWith(JAR_DIR) || name.substring(JAR_DIR.length()).contains("/")) {
                        continue;
                    }
                    Path file = target.resolve(name.substring(JAR_DIR.length()));
                    if (!Files.exists(file) || Files.size(file) != entry.getSize()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    file.toFile().setExecutable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack ffmpeg 7.1 into " + target, e);
        }
        directory = target;
        return target;
    }
}
