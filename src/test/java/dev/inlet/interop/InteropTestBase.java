package dev.inlet.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.Ffprobe;
import dev.inlet.testing.RequiredTools;
import dev.inlet.testing.WorkDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Starts the server under test for each test, runs the clients with hard timeouts, keeps their logs under
 * {@code target/interop-logs/<class>/<test>/}, and kills whatever is still running at the end.
 */
abstract class InteropTestBase {

    /** Long enough for a real-time publish on a busy 2-core machine, short enough to fail a hang quickly. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PLAYER_JOIN_DEADLINE = Duration.ofSeconds(20);
    /** A player still running after this long has got past connect/play, so the stream was found. */
    private static final Duration PLAYER_SETTLE = Duration.ofMillis(1500);

    Path workDir;
    RtmpEndpoint server;
    private final List<ExternalProcess> processes = new ArrayList<>();

    @BeforeEach
    void startServer(TestInfo test) {
        Path root = Path.of(System.getProperty("basedir", "."), "target", "interop-logs");
        workDir = root.resolve(getClass().getSimpleName())
                .resolve(test.getTestMethod().orElseThrow().getName());
        WorkDirectories.deleteRecursively(workDir);
        RequiredTools.assertInstalled(root.resolve("required-tools"));
        server = RtmpEndpoint.start(workDir);
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(ExternalProcess::close);
        if (server != null) {
            server.close();
        }
    }

    ExternalProcess start(String name, List<String> command) {
        ExternalProcess process = ExternalProcess.start(name, workDir, CLIENT_TIMEOUT, command);
        processes.add(process);
        return process;
    }

    Path file(String name) {
        return workDir.resolve(name);
    }

    /**
     * Starts a player as soon as the stream can be played: a play refused because the publisher is not live yet
     * ends quickly with an error, and is retried.
     */
    ExternalProcess startPlayerWhenLive(String name, List<String> command) {
        return ExternalProcess.startWhenLive(name, PLAYER_JOIN_DEADLINE, PLAYER_SETTLE,
                attempt -> start(name + "-try" + attempt, command));
    }

    /** Waits for a client that should finish by itself, and checks that it did so successfully. */
    static void assertSucceeds(ExternalProcess client) {
        client.awaitExit();
        assertThat(client.timedOut()).as("%s timed out:%n%s", client.name(), client.describe()).isFalse();
        assertThat(client.exitCode()).as("exit code of %s:%n%s", client.name(), client.describe()).isZero();
    }

    /** Waits for a client that should be refused, and checks that it failed by itself, not by our timeout. */
    static void assertRefused(ExternalProcess client) {
        client.awaitExit();
        assertThat(client.timedOut()).as("%s timed out instead of being refused:%n%s", client.name(),
                client.describe()).isFalse();
        assertThat(client.exitCode()).as("exit code of refused %s:%n%s", client.name(), client.describe())
                .isNotZero();
    }

    Ffprobe.Probe probe(Path media) {
        return Ffprobe.probe(media, workDir);
    }

    /** The recorded file holds H.264 video and AAC audio lasting at least {@code minSeconds}. */
    void assertHasVideoAndAudio(Path media, double minSeconds, ExternalProcess... clients) {
        Ffprobe.Probe probe = probe(media);
        String context = "%s%nclients:%n%s".formatted(probe, Stream.of(clients).map(ExternalProcess::describe)
                .reduce((a, b) -> a + "\n" + b).orElse(""));
        assertThat(probe.codecNames()).as("codecs in %s", context).contains("h264", "aac");
        assertThat(probe.mediaSeconds()).as("duration in %s", context).isGreaterThanOrEqualTo(minSeconds);
    }

}
