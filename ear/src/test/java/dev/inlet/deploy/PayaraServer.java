package dev.inlet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Payara Server from the distribution zip. Each run creates its own domain under target/ with
 * {@code create-domain --portbase}, so every port moves together (admin 24848, HTTP 24880, IIOP 24837,
 * JMS 24876, Hazelcast 24849...) away from a developer's domain1 on 4848/8080; the listeners are then
 * bound to 127.0.0.1. The domain has no admin password, so asadmin needs no password file.
 */
final class PayaraServer implements ApplicationServer {

    static final int PORT_BASE = 24800;
    static final int ADMIN_PORT = PORT_BASE + 48;
    private static final String DOMAIN = "inlet-it";
    private static final String LOOPBACK = "127.0.0.1";

    private final DeploymentContext context;
    private final Path asadmin;
    private final Path domainsDirectory;
    private Optional<ProcessHandle> serverProcess = Optional.empty();

    PayaraServer(DeploymentContext context) {
        this.context = context;
        this.asadmin = context.environment().payaraHome().resolve("bin/asadmin");
        this.domainsDirectory = context.workDirectory().resolve("domains");
    }

    @Override
    public String name() {
        return "Payara Server";
    }

    @Override
    public void start() {
        Directories.deleteRecursively(domainsDirectory);
        context.runner().runSuccessfully("create-domain", Duration.ofMinutes(2), List.of(
                asadmin.toString(), "--interactive=false", "create-domain",
                "--domaindir", domainsDirectory.toString(),
                "--portbase", Integer.toString(PORT_BASE),
                "--nopassword=true", "--checkports=true", DOMAIN));
        PayaraDomainXml.bindListenersTo(domainsDirectory.resolve(DOMAIN).resolve("config/domain.xml"), LOOPBACK);
        try {
            context.runner().runSuccessfully("start-domain", Duration.ofMinutes(3), List.of(
                    asadmin.toString(), "--interactive=false", "start-domain",
                    "--domaindir", domainsDirectory.toString(), DOMAIN), serverLog());
        } finally {
            serverProcess = readPid().flatMap(ProcessHandle::of);
        }
    }

    @Override
    public void configure(InletSettings settings) {
        context.runner().runSuccessfully("configure", Duration.ofMinutes(1), remote(
                context.serverConfigScript("payara/configure.sh"),
                "--rtmp-host", settings.rtmpHost(),
                "--rtmp-port", Integer.toString(settings.rtmpPort()),
                "--demo-key", settings.demoKey()), serverLog());
    }

    @Override
    public void addApiUser(String name, String password, String role) {
        context.runner().runSuccessfullyWith(java.util.Map.of("INLET_API_PASSWORD", password), "add-api-user",
                Duration.ofMinutes(1), remote(context.serverConfigScript("payara/add-api-user.sh"), name, role), serverLog());
    }

    @Override
    public Optional<String> readinessUrl() {
        return Optional.of("http://" + LOOPBACK + ":" + httpPort() + "/health/ready");
    }

    @Override
    public int httpPort() {
        return PORT_BASE + 80;
    }

    @Override
    public void deploy(Path ear) {
        context.runner().runSuccessfully("deploy", Duration.ofMinutes(2), remote(
                context.serverConfigScript("payara/deploy.sh"), ear.toString()), serverLog());
    }

    @Override
    public void undeploy() {
        context.runner().runSuccessfully("undeploy", Duration.ofMinutes(1), remote(
                context.serverConfigScript("payara/undeploy.sh")), serverLog());
    }

    @Override
    public void stop() {
        try {
            if (Files.isDirectory(domainsDirectory.resolve(DOMAIN))) {
                CommandResult stopped = context.runner().run("stop-domain", Duration.ofSeconds(90), List.of(
                        asadmin.toString(), "--interactive=false", "stop-domain",
                        "--domaindir", domainsDirectory.toString(), DOMAIN));
                if (!stopped.succeeded()) {
                    System.err.println(stopped.report());
                }
            }
        } finally {
            // stop-domain returns once the DAS has answered; make sure the JVM is really gone.
            serverProcess.ifPresent(server -> {
                if (!TcpPorts.poll(() -> !server.isAlive(), Duration.ofSeconds(20))) {
                    System.err.println("Payara did not stop; killing PID " + server.pid());
                    ProcessTrees.kill(server, Duration.ofSeconds(10));
                }
            });
            ProcessTrees.killProcessesMentioning(domainsDirectory, Duration.ofSeconds(10));
        }
    }

    @Override
    public Optional<ProcessHandle> process() {
        return serverProcess;
    }

    @Override
    public Path serverLog() {
        return domainsDirectory.resolve(DOMAIN).resolve("logs/server.log");
    }

    /** A server-config script, told where the DAS listens; the scripts pass these options on to asadmin. */
    private List<String> remote(Path script, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("sh");
        command.add(script.toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("--host", LOOPBACK, "--port", Integer.toString(ADMIN_PORT)));
        return command;
    }

    private Optional<Long> readPid() {
        Path pidFile = domainsDirectory.resolve(DOMAIN).resolve("config/pid");
        try {
            if (Files.isRegularFile(pidFile)) {
                return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
