package dev.inlet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Thread dumps of a server that hangs in a step: without one, a hang on a CI machine leaves only "killed after its
 * time limit". The whole dump goes to a file; the threads the application owns (and the one undeploying it) are
 * quoted in the failure, since that message is often all a CI log keeps.
 */
final class ThreadDumps {

    private static final List<String> QUOTED_THREADS = List.of("inlet-", "admin-thread-pool", "ServerService Thread",
            "MSC service thread", "management-handler-thread");

    private ThreadDumps() {
    }

    /**
     * Dumps the threads of the JVM {@code root} is, or the first Java process under it.
     *
     * @return the quoted threads and where the dump is, or why there is none
     */
    static String of(Optional<ProcessHandle> root, Path file) {
        Optional<ProcessHandle> jvm = root.flatMap(ThreadDumps::javaProcess);
        if (jvm.isEmpty()) {
            return "\n(no thread dump: the server's JVM was not found)";
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Files.createDirectories(file.getParent());
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.get().pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                return "\n(jcmd Thread.print did not answer within 30 s)";
            }
            return "\nthread dump of PID " + jvm.get().pid() + " in " + file + "; the application's threads:\n"
                    + quotedThreads(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "\n(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "\n(thread dump interrupted)";
        }
    }

    private static Optional<ProcessHandle> javaProcess(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants())
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** The stack of every thread whose name starts with one of {@link #QUOTED_THREADS}. */
    static String quotedThreads(String dump) {
        List<String> kept = new ArrayList<>();
        for (String block : dump.split("\n\\s*\n")) {
            String header = block.strip();
            if (header.startsWith("\"") && QUOTED_THREADS.stream().anyMatch(prefix -> header.startsWith("\"" + prefix))) {
                kept.add(header);
            }
        }
        return kept.isEmpty() ? "(none found)" : String.join("\n\n", kept);
    }
}
