package dev.inlet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the run command's launcher exactly as {@code run.sh} does: the jar, class path and JVM options its module built. */
final class EmbeddedLauncher {

    static final Duration BOOT_LIMIT = Duration.ofSeconds(240);

    private EmbeddedLauncher() {
    }

    /** Starts it with {@code env} (INLET_* settings) and waits until it says it is running. */
    static LoggedProcess start(DeployTestEnvironment environment, Map<String, String> env, Path log) throws IOException {
        Path launcher = environment.serverConfig().resolve("embedded");
        String classPath = launcher.resolve("target/inlet-embedded.jar") + ":"
                + Files.readString(launcher.resolve("target/classpath.txt")).trim();
        LoggedProcess inlet = LoggedProcess.start(List.of(
                        Path.of(environment.javaHome().toString(), "bin", "java").toString(),
                        "@" + launcher.resolve("jvm-options.txt"), "-Xmx512m",
                        "-Djava.util.logging.manager=dev.inlet.embedded.ShutdownSafeLogManager", // as run.sh
                        "-cp", classPath, "dev.inlet.embedded.EmbeddedInlet",
                        environment.ear().toString()),
                env, log);
        boolean running = TcpPorts.poll(() -> !inlet.isAlive() || LogTail.contains(inlet.log(), "Inlet is running"),
                BOOT_LIMIT) && inlet.isAlive();
        if (!running && inlet.isAlive()) {
            inlet.kill();
        }
        assertThat(running).as("the launcher starts; its log %s ends with:\n%s", inlet.log(), LogTail.of(inlet.log(), 40))
                .isTrue();
        return inlet;
    }
}
