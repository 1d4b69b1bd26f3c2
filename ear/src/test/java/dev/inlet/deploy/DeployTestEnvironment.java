package dev.inlet.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the deployment tests find what the build prepared. Failsafe passes these as system properties
 * (see ear/deploy-tests.pom-fragment.xml); the defaults are the same paths relative to the ear module,
 * so a test can also be started from an IDE after {@code mvn -pl ear verify} has unpacked the servers.
 */
record DeployTestEnvironment(
        Path ear,
        Path payaraHome,
        Path wildflyHome,
        Path serverConfig,
        Path workDirectory,
        Path javaHome,
        String ffmpeg,
        String ffprobe) {

    static DeployTestEnvironment fromSystemProperties() {
        return new DeployTestEnvironment(
                path("inlet.deploy.ear", "target/inlet.ear"),
                path("inlet.deploy.payara-home", "target/servers/payara6"),
                path("inlet.deploy.wildfly-home", "target/servers/wildfly"),
                path("inlet.deploy.server-config", "../server-config"),
                path("inlet.deploy.work", "target/deploy-it"),
                path("inlet.deploy.java-home", System.getProperty("java.home")),
                System.getProperty("inlet.deploy.ffmpeg", "ffmpeg"),
                System.getProperty("inlet.deploy.ffprobe", "ffprobe"));
    }

    /** Fails early, with the fix in the message, when the build did not prepare something. */
    void requirePrepared() {
        require(Files.isRegularFile(ear), "no EAR at " + ear + ": package the ear module first (mvn verify)");
        require(Files.isRegularFile(payaraHome.resolve("bin/asadmin")),
                "no Payara Server at " + payaraHome + ": the dependency plugin unpacks it in pre-integration-test");
        require(Files.isRegularFile(wildflyHome.resolve("bin/standalone.sh")),
                "no WildFly at " + wildflyHome + ": the dependency plugin unpacks it in pre-integration-test");
        require(Files.isDirectory(serverConfig.resolve("payara")) && Files.isDirectory(serverConfig.resolve("wildfly")),
                "no operator scripts at " + serverConfig);
        require(Files.isRegularFile(javaHome.resolve("bin/java")), "no java under " + javaHome);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
