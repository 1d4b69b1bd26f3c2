package dev.inlet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the external commands of one test class, each with a hard time limit, each writing its output to
 * a numbered file in one directory (01-create-domain.log, 02-start-domain.log, ...), so the order of
 * events can be read back after a CI failure.
 */
final class CommandRunner {

    private final Path logDirectory;
    private final Map<String, String> environment;
    private int sequence;

    CommandRunner(Path logDirectory, Map<String, String> environment) {
        this.logDirectory = logDirectory;
        this.environment = Map.copyOf(environment);
    }

    /** A log file for a process started elsewhere, numbered in the same sequence. */
    synchronized Path nextLog(String step) {
        sequence++;
        return logDirectory.resolve(String.format("%02d-%s.log", sequence, step));
    }

    LoggedProcess start(String step, List<String> command) {
        return LoggedProcess.start(command, environment, nextLog(step));
    }

    /** As {@link #runSuccessfully}, with more environment variables (secrets that must not be arguments). */
    CommandResult runSuccessfullyWith(Map<String, String> extraEnvironment, String step, Duration limit,
                                      List<String> command, Path... relatedLogs) {
        Map<String, String> merged = new java.util.HashMap<>(environment);
        merged.putAll(extraEnvironment);
        CommandResult result = LoggedProcess.start(command, merged, nextLog(step)).awaitExit(limit);
        assertThat(result.succeeded())
                .as("step '%s' failed: %s%s", step, result.report(), quote(relatedLogs))
                .isTrue();
        return result;
    }

    CommandResult run(String step, Duration limit, List<String> command) {
        return start(step, command).awaitExit(limit);
    }

    /**
     * Runs the command and fails the test unless it exits with 0 in time. The message quotes the end of
     * the command's output and of each related log (typically the server's own log).
     */
    CommandResult runSuccessfully(String step, Duration limit, List<String> command, Path... relatedLogs) {
        CommandResult result = run(step, limit, command);
        assertThat(result.succeeded())
                .as("step '%s' failed: %s%s", step, result.report(), quote(relatedLogs))
                .isTrue();
        return result;
    }

    static String quote(Path... logs) {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            text.append("\n").append(log).append(" ends with:\n").append(LogTail.of(log, 50));
        }
        return text.toString();
    }
}
