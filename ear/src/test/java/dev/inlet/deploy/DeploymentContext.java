package dev.inlet.deploy;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one deployment test class works with: the prepared environment, its own directory under
 * target/deploy-it/, a command runner logging there, and the timings of its slow steps.
 */
final class DeploymentContext {

    private final String serverName;
    private final DeployTestEnvironment environment;
    private final Path workDirectory;
    private final CommandRunner runner;
    private final Timings timings;

    private DeploymentContext(String serverName, DeployTestEnvironment environment) {
        this.serverName = serverName;
        this.environment = environment;
        this.workDirectory = environment.workDirectory().resolve(serverName);
        Directories.deleteRecursively(workDirectory);
        this.runner = new CommandRunner(workDirectory.resolve("logs"), Map.of(
                "JAVA_HOME", environment.javaHome().toString(),
                "PAYARA_HOME", environment.payaraHome().toString(),
                "JBOSS_HOME", environment.wildflyHome().toString()));
        this.timings = new Timings(serverName);
    }

    static DeploymentContext forServer(String serverName) {
        DeployTestEnvironment environment = DeployTestEnvironment.fromSystemProperties();
        environment.requirePrepared();
        return new DeploymentContext(serverName, environment);
    }

    String serverName() {
        return serverName;
    }

    DeployTestEnvironment environment() {
        return environment;
    }

    Path workDirectory() {
        return workDirectory;
    }

    CommandRunner runner() {
        return runner;
    }

    Timings timings() {
        return timings;
    }

    Path serverConfigScript(String relativePath) {
        return environment.serverConfig().resolve(relativePath);
    }

    void saveTimings() {
        timings.writeTo(workDirectory.resolve("timings.txt"));
    }
}
