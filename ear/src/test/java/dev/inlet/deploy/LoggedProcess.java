package dev.inlet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external process whose output (stdout and stderr together) goes to a file. It is never left
 * running by accident: every wait has a limit, and {@link #kill()} takes its child processes too
 * (standalone.sh runs the server JVM as a child).
 */
final class LoggedProcess {

    private final String description;
    private final Process process;
    private final Path log;

    private LoggedProcess(String description, Process process, Path log) {
        this.description = description;
        this.process = process;
        this.log = log;
    }

    static LoggedProcess start(List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            return new LoggedProcess(String.join(" ", command), builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits up to {@code limit}; on expiry kills the process tree and reports a timeout. */
    CommandResult awaitExit(Duration limit) {
        boolean exited = waitFor(limit);
        if (!exited) {
            kill();
            return new CommandResult(description, -1, true, log);
        }
        return new CommandResult(description, process.exitValue(), false, log);
    }

    boolean waitFor(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for " + description, e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Asks the process to stop, as an operator's {@code kill} or a service manager does (SIGTERM). */
    void terminate() {
        process.destroy();
    }

    /** Kills the process at once (SIGKILL), as a crash or {@code kill -9} would: no shutdown hook runs. */
    void killAbruptly() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Kills the process and every descendant, then waits briefly so ports and files are released. */
    void kill() {
        ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(10));
    }
}
