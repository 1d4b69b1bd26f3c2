package dev.inlet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * An external program started by a test, with a hard deadline.
 *
 * <p>Its stdout and stderr go to {@code <logDir>/<name>.out} and {@code .err} so that they survive the test
 * for post-mortems and can be quoted in assertion messages. The process is killed forcibly when its deadline
 * passes, when {@link #close()} is called, and when the JVM exits: a hung encoder must never outlive the build.
 */
public final class ExternalProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "external-process-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ExternalProcess::killTree),
                "external-process-reaper"));
    }

    private final String name;
    private final List<String> command;
    private final Duration timeout;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final Process process;
    private final long startNanos;
    private final ScheduledFuture<?> deadline;
    private volatile boolean timedOut;

    private ExternalProcess(String name, List<String> command, Duration timeout, Path logDir) throws IOException {
        this.name = name;
        this.command = List.copyOf(command);
        this.timeout = timeout;
        Files.createDirectories(logDir);
        this.stdoutFile = logDir.resolve(name + ".out");
        this.stderrFile = logDir.resolve(name + ".err");
        Files.writeString(logDir.resolve(name + ".cmd"), String.join(" ", command) + System.lineSeparator());
        this.startNanos = System.nanoTime();
        this.process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        this.deadline = DEADLINES.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts {@code command}; {@code name} names the log files and must be unique within {@code logDir}.
     */
    public static ExternalProcess start(String name, Path logDir, Duration timeout, List<String> command) {
        try {
            return new ExternalProcess(name, command, timeout, logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Starts the command and waits for it to end (or for its deadline). */
    public static ExternalProcess run(String name, Path logDir, Duration timeout, List<String> command) {
        ExternalProcess started = start(name, logDir, timeout, command);
        started.awaitExit();
        return started;
    }

    /**
     * Starts a player as soon as the stream can be played: a try that ends with an error within {@code settle} (the
     * publisher was not live yet) is started again, until {@code deadline} has passed; a try still running after
     * {@code settle}, or one that succeeded, is returned.
     *
     * @param attempt starts try number n (1, 2, ...)
     */
    public static ExternalProcess startWhenLive(String name, Duration deadline, Duration settle,
                                                IntFunction<ExternalProcess> attempt) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        for (int number = 1; ; number++) {
            ExternalProcess player = attempt.apply(number);
            if (!player.awaitExit(settle) || player.exitCode() == 0) {
                return player;
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("%s could not play the stream within %s s; last attempt: %s"
                        .formatted(name, deadline.toSeconds(), player.describe()));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until the process ends or its deadline kills it; returns the exit code. */
    public int awaitExit() {
        try {
            process.waitFor();
            deadline.cancel(false);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Waits at most {@code wait}; returns whether the process has ended. */
    public boolean awaitExit(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code of the ended process; fails if it is still running. */
    public int exitCode() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return process.exitValue();
    }

    /** True if the process did not end by itself before its deadline and was killed. */
    public boolean timedOut() {
        return timedOut;
    }

    /** Wall-clock time since start, up to now or to the exit. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return read(stdoutFile);
    }

    public String stderr() {
        return read(stderrFile);
    }

    public String stdoutTail(int lines) {
        return tail(stdout(), lines);
    }

    public String stderrTail(int lines) {
        return tail(stderr(), lines);
    }

    /** A summary for assertion messages: the command, how it ended, and the end of both outputs. */
    public String describe() {
        String state = process.isAlive() ? "still running"
                : timedOut ? "killed after its " + timeout.toSeconds() + " s timeout"
                : "exit code " + process.exitValue();
        return name + " (" + state + ", " + elapsed().toMillis() + " ms)\n  command: " + String.join(" ", command)
                + "\n  stdout tail:\n" + indent(stdoutTail(15)) + "\n  stderr tail:\n" + indent(stderrTail(25))
                + "\n  logs: " + stderrFile.getParent().toAbsolutePath();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Kills the process (and its children) if it is still running. */
    @Override
    public void close() {
        deadline.cancel(false);
        killTree(process);
    }

    private void expire() {
        if (process.isAlive()) {
            timedOut = true;
            killTree(process);
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e + ">";
        }
    }

    /** Last lines; ffmpeg's progress uses carriage returns, which count as line ends here. */
    private static String tail(String text, int lines) {
        String[] all = text.split("\r\n|\r|\n");
        List<String> kept = new ArrayList<>();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
            kept.add(all[i]);
        }
        return String.join("\n", kept);
    }

    private static String indent(String text) {
        return text.isEmpty() ? "    <empty>" : "    " + text.replace("\n", "\n    ");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
