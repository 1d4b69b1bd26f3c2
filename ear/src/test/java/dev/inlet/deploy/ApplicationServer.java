package dev.inlet.deploy;

import java.nio.file.Path;

/** One real application-server installation driven the way an operator drives it: scripts and admin CLI. */
interface ApplicationServer {

    String name();

    /** Starts a fresh server (new domain or base directory) bound to 127.0.0.1 on ports away from the defaults. */
    void start();

    /** Applies the Inlet settings through the operator scripts in server-config/. */
    void configure(InletSettings settings);

    /** Adds a user of the Inlet API with one role, through the operator script in server-config/. */
    void addApiUser(String name, String password, String role);

    /** The port the server's HTTP listener (and so the Inlet API) answers on. */
    int httpPort();

    /**
     * Where MicroProfile Health answers readiness, if this server has it in the configuration the test uses
     * (WildFly's default standalone.xml has not: there the application must deploy and work without it).
     */
    default java.util.Optional<String> readinessUrl() {
        return java.util.Optional.empty();
    }

    void deploy(Path ear);

    void undeploy();

    /** Stops the server; kills it when a graceful stop fails or hangs. Never throws. */
    void stop();

    /** The server's process (or the script that runs its JVM), for a thread dump when a step hangs. */
    java.util.Optional<ProcessHandle> process();

    /** The server's own log, quoted when a deployment step fails. */
    Path serverLog();
}
