package dev.inlet.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * WildFly from the distribution zip, in standalone mode with the default standalone.xml. Each run uses a
 * fresh server base directory under target/ (a copy of standalone/configuration), so the unpacked
 * distribution stays pristine. Ports move by {@code jboss.socket.binding.port-offset} (HTTP 28080,
 * management 29990) and both interfaces bind to 127.0.0.1. The CLI authenticates as the local user that
 * started the server, so no management user is needed.
 */
final class WildFlyServer implements ApplicationServer {

    static final int PORT_OFFSET = 20000;
    static final int MANAGEMENT_PORT = 9990 + PORT_OFFSET;
    private static final String LOOPBACK = "127.0.0.1";
    private static final String STARTED = "WFLYSRV0025";
    private static final String STARTED_WITH_ERRORS = "WFLYSRV0026";

    private final DeploymentContext context;
    private final Path home;
    private final Path baseDirectory;
    private LoggedProcess server;

    WildFlyServer(DeploymentContext context) {
        this.context = context;
        this.home = context.environment().wildflyHome();
        this.baseDirectory = context.workDirectory().resolve("standalone");
    }

    @Override
    public String name() {
        return "WildFly";
    }

    @Override
    public void start() {
        Directories.deleteRecursively(baseDirectory);
        Directories.copyRecursively(home.resolve("standalone/configuration"), baseDirectory.resolve("configuration"));
        Directories.copyRecursively(home.resolve("standalone/deployments"), baseDirectory.resolve("deployments"));
        server = context.runner().start("standalone", List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDirectory,
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET,
                "-b", LOOPBACK, "-bmanagement", LOOPBACK));
        Path console = server.log();
        boolean reported = TcpPorts.poll(
                () -> !server.isAlive() || LogTail.contains(console, STARTED) || LogTail.contains(console, STARTED_WITH_ERRORS),
                Duration.ofMinutes(2));
        String failure = !reported ? "did not report its start within 2 minutes"
                : !server.isAlive() ? "exited during start"
                : LogTail.contains(console, STARTED_WITH_ERRORS) ? "started with errors" : null;
        if (failure != null) {
            throw new AssertionError("WildFly " + failure + "; " + console + " ends with:\n" + LogTail.of(console, 60));
        }
    }

    @Override
    public void configure(InletSettings settings) {
        context.runner().runSuccessfully("configure", Duration.ofMinutes(2), cli(
                context.serverConfigScript("wildfly/configure.sh"),
                "--rtmp-host", settings.rtmpHost(),
                "--rtmp-port", Integer.toString(settings.rtmpPort()),
                "--demo-key", settings.demoKey()), serverLog());
    }

    @Override
    public void addApiUser(String name, String password, String role) {
        context.runner().runSuccessfullyWith(java.util.Map.of("INLET_API_PASSWORD", password,
                        "INLET_SERVER_CONFIG_DIR", baseDirectory.resolve("configuration").toString()), "add-api-user",
                Duration.ofMinutes(1), cli(context.serverConfigScript("wildfly/add-api-user.sh"), name, role), serverLog());
    }

    @Override
    public int httpPort() {
        return 8080 + PORT_OFFSET;
    }

    @Override
    public void deploy(Path ear) {
        context.runner().runSuccessfully("deploy", Duration.ofMinutes(2), cli(
                context.serverConfigScript("wildfly/deploy.sh"), ear.toString()), serverLog());
    }

    @Override
    public void undeploy() {
        context.runner().runSuccessfully("undeploy", Duration.ofMinutes(1), cli(
                context.serverConfigScript("wildfly/undeploy.sh")), serverLog());
    }

    @Override
    public void stop() {
        try {
            if (server != null && server.isAlive()) {
                CommandResult shutdown = context.runner().run("shutdown", Duration.ofSeconds(60), List.of(
                        home.resolve("bin/jboss-cli.sh").toString(), "--connect", controller(), "--command=shutdown"));
                if (!shutdown.succeeded()) {
                    System.err.println(shutdown.report());
                }
                if (!server.waitFor(Duration.ofSeconds(30))) {
                    System.err.println("WildFly did not stop; killing its process tree");
                }
            }
        } finally {
            if (server != null) {
                server.kill();
            }
            ProcessTrees.killProcessesMentioning(baseDirectory, Duration.ofSeconds(10));
        }
    }

    @Override
    public java.util.Optional<ProcessHandle> process() {
        return java.util.Optional.ofNullable(server).map(LoggedProcess::handle);
    }

    @Override
    public Path serverLog() {
        return baseDirectory.resolve("log/server.log");
    }

    private static String controller() {
        return "--controller=" + LOOPBACK + ":" + MANAGEMENT_PORT;
    }

    /** A server-config script, told where the management interface listens; the scripts pass it to jboss-cli. */
    private static List<String> cli(Path script, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("sh");
        command.add(script.toString());
        command.addAll(List.of(arguments));
        command.add(controller());
        return command;
    }
}
