package dev.inlet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a JVM server, through jcmd: a full GC, then the used heap. A JVM's RSS mostly follows
 * how much of its heap it has touched, not what it keeps per player, so this complements RSS growth.
 */
final class JvmHeap {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 30;

    private final long pid;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    JvmHeap(long pid) {
        this.pid = pid;
    }

    /** Heap in use right after a full collection, in kilobytes; -1 when jcmd could not tell. */
    long liveKilobytesAfterGc() {
        try {
            jcmd("GC.run");
            Matcher used = USED.matcher(jcmd("GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + command + " did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
