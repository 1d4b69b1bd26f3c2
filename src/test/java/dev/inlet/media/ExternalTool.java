package dev.inlet.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg/ffprobe with a time limit and captures their output. */
public final class ExternalTool {

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private static final long TIMEOUT_SECONDS = 60;

    private ExternalTool() {
    }

    public static boolean available(String tool) {
        try {
            return run(List.of(tool, "-version"), Files.createTempDirectory("tool")).exitCode() == 0;
        } catch (IOException | RuntimeException notInstalled) {
            return false;
        }
    }

    public static Result run(List<String> command, Path workDir) throws IOException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, interrupted);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs the command and fails unless it exits with 0. */
    public static String check(List<String> command, Path workDir) throws IOException {
        Result result = run(command, workDir);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " exited with " + result.exitCode() + ": " + result.stderr());
        }
        return result.stdout();
    }
}
