package dev.inlet.deploy;

import java.nio.file.Path;

/** One real application-server installation driven the way an operator drives it: scripts and admin CLI. */
interface ApplicationServer {

    String name();

    /** Starts a fresh server (new domain or base directory) bound to 127.0.0.1 on ports away from the defaults. */
    void start();

    /** Applies the Inlet settings through the operator scripts in server-config/. */
    void configure(InletSettings settings);

    void deploy(Path ear);

    void undeploy();

    /** Stops the server; kills it when a graceful stop fails or hangs. Never throws. */
    void stop();

    /** The server's own log, quoted when a deployment step fails. */
    Path serverLog();
}
