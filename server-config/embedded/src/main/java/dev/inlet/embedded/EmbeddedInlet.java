package dev.inlet.embedded;

import org.glassfish.embeddable.BootstrapProperties;
import org.glassfish.embeddable.Deployer;
import org.glassfish.embeddable.GlassFish;
import org.glassfish.embeddable.GlassFishException;
import org.glassfish.embeddable.GlassFishRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Inlet on embedded Payara in the foreground: boots the server, deploys the EAR named on
 * the command line as application {@code inlet}, prints where to publish and play, and on
 * Ctrl-C or SIGTERM undeploys (which stops the RTMP listener and frees its port) and stops.
 *
 * <p>Usage: {@code java @jvm-options.txt -cp <classpath> dev.inlet.embedded.EmbeddedInlet ear/target/inlet.ear}
 */
public final class EmbeddedInlet {

    static final String APPLICATION_NAME = "inlet";

    private final LaunchSettings settings;
    private final PrintStream out;
    private GlassFishRuntime runtime;
    private GlassFish server;
    private boolean deployed;

    EmbeddedInlet(LaunchSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EmbeddedInlet <path to inlet.ear>");
            System.exit(2);
        }
        Path ear = Path.of(args[0]).toAbsolutePath();
        if (!Files.isRegularFile(ear)) {
            System.err.println("no such EAR: " + ear);
            System.exit(2);
        }
        QuietLogging.apply();
        EmbeddedInlet inlet = new EmbeddedInlet(LaunchSettings.from(ear, System.getenv()), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            inlet.stop();
            stopped.countDown();
        }, "inlet-shutdown"));
        try {
            inlet.start();
        } catch (GlassFishException | IOException | RuntimeException e) {
            System.err.println("Inlet failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    /** Boots Payara and deploys the application; returns once the application is running. */
    void start() throws GlassFishException, IOException {
        String demoKey = settings.demoKey().map(DemoKeys::requireStrong).orElseGet(DemoKeys::random);
        // Owner-only: the directory holds the key hashes (inlet.mv.db) and the API users' hashes.
        OwnerOnlyFiles.directory(settings.dataDir());
        // Stable across restarts, so the registry frees the leases this node's previous life left at once.
        System.setProperty("inlet.registry.node-id", settings.nodeName().isPresent() ? settings.nodeName().get()
                : NodeId.ensure(settings.dataDir().resolve(NodeId.FILE)));
        // The application reads these through MicroProfile Config, whose sources include system properties.
        if (!settings.relaySecretGiven()) {
            System.setProperty(LaunchSettings.RELAY_SECRET_PROPERTY,
                    RelaySecret.ensure(settings.dataDir().resolve(RelaySecret.FILE)));
        }
        // Other nodes of a cluster pull streams published here from the address players use for RTMP (by default).
        System.setProperty(LaunchSettings.ADVERTISE_ADDRESS_PROPERTY, settings.advertiseAddress());
        // Recordings go under the data directory (inlet.recording.dir, when set, wins).
        System.setProperty("inlet.data-dir", settings.dataDir().toAbsolutePath().toString());
        System.setProperty(LaunchSettings.DEMO_KEY_PROPERTY, demoKey);
        System.setProperty(LaunchSettings.RTMP_PORT_PROPERTY, Integer.toString(settings.rtmpPort()));
        System.setProperty(LaunchSettings.SRT_PORT_PROPERTY, Integer.toString(settings.srtPort()));
        // The API authenticates against Inlet's own user file here (a full server uses its own realm instead).
        Path credentials = settings.dataDir().resolve(AdminCredentials.FILE);
        AdminCredentials.Outcome admin = AdminCredentials.ensure(credentials, settings.adminPassword());
        System.setProperty("inlet.security.builtin-store", "true");
        System.setProperty("inlet.security.credentials-file", credentials.toString());
        // The application must not see the plain password: the file holds its hash.
        System.clearProperty(LaunchSettings.ADMIN_PASSWORD_PROPERTY);

        long bootStart = System.nanoTime();
        synchronized (this) {
            runtime = GlassFishRuntime.bootstrap(new BootstrapProperties());
            server = runtime.newGlassFish(PayaraSettings.of(settings));
            server.start();
        }
        long deployStart = System.nanoTime();
        Deployer deployer = server.getDeployer();
        String name = deployer.deploy(settings.ear().toUri(), "--name=" + APPLICATION_NAME);
        if (name == null) {
            // Payara reports a failed deployment in its log and returns null rather than throwing.
            throw new GlassFishException("deployment of " + settings.ear() + " failed (see the log above)");
        }
        synchronized (this) {
            deployed = true;
        }
        long ready = System.nanoTime();
        OwnerOnlyFiles.filesIn(settings.dataDir());
        printWelcome(demoKey, admin, credentials, seconds(ready - deployStart), seconds(ready - bootStart));
    }

    /** Undeploys and stops; safe to call at any stage of start-up, and more than once. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        out.println("Inlet: stopping");
        try {
            if (deployed) {
                server.getDeployer().undeploy(APPLICATION_NAME);
                deployed = false;
            }
        } catch (GlassFishException | RuntimeException e) {
            System.err.println("Inlet: undeploy failed: " + e);
        }
        try {
            server.stop();
            server.dispose();
            runtime.shutdown();
        } catch (GlassFishException | RuntimeException e) {
            System.err.println("Inlet: server stop failed: " + e);
        }
        server = null;
        out.println("Inlet: stopped");
        out.flush();
        ShutdownSafeLogManager.resetAfterStop();
    }

    private void printWelcome(String demoKey, AdminCredentials.Outcome admin, Path credentials, double deploySeconds,
                              double bootAndDeploySeconds) {
        String host = settings.publicHost();
        String rtmp = "rtmp://" + host + ":" + settings.rtmpPort() + "/live/";
        double sinceJvmStart = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        out.println();
        out.println("Inlet is running (boot + deploy " + format(bootAndDeploySeconds) + " s, deploy "
                + format(deploySeconds) + " s, " + format(sinceJvmStart) + " s since JVM start)");
        out.println("  publish:  " + rtmp + demoKey);
        out.println("  SRT:      srt://" + host + ":" + settings.srtPort() + "?streamid=publish:" + demoKey
                + "   (when libsrt is installed; the log says if SRT is off)");
        out.println("  play:     " + rtmp + "demo");
        out.println("  SRT play: srt://" + host + ":" + settings.srtPort() + "?streamid=read:demo");
        out.println("  HLS play: http://" + host + ":" + settings.httpPort() + "/live/demo/index.m3u8   (LL-HLS: hls.js, Safari, ffplay, VLC)");
        out.println("  browser:  http://" + host + ":" + settings.httpPort() + "/play/?stream=demo   (hls.js, low latency)");
        out.println("  record:   PUT http://" + host + ":" + settings.httpPort() + "/api/v1/streams/demo/recording"
                + " {\"enabled\": true}; files in " + settings.dataDir().resolve("recordings").toAbsolutePath());
        out.println("  database: " + settings.database().map(ExternalDatabase::displayUrl)
                .orElse("H2 file " + settings.dataDir().resolve("inlet.mv.db")) + ", node "
                + System.getProperty("inlet.registry.node-id"));
        if (settings.database().isPresent()) {
            out.println("  cluster:  " + (settings.clusterSecretGiven()
                    ? "players of any node can watch streams published here, pulled from " + settings.advertiseAddress()
                    : "edge pulls off (give every node the same INLET_CLUSTER_SECRET to play anywhere)"));
        }
        out.println("  http:     http://" + host + ":" + settings.httpPort() + "/");
        out.println("  console:  http://" + host + ":" + settings.httpPort() + "/console/   (sign in with the admin user below)");
        out.println("  admin:    http://" + host + ":" + settings.httpPort() + "/api/v1/streams   user "
                + AdminCredentials.USER + ", password " + switch (admin.kind()) {
                    case GENERATED -> admin.generatedPassword().orElseThrow()
                            + "   (generated now and shown only this once; stored hashed in " + credentials + ")";
                    case CONFIGURED -> "from INLET_ADMIN_PASSWORD";
                    case KEPT -> "as printed at first start (delete " + credentials + " to get a new one)";
                });
        out.println("Stop with Ctrl-C.");
        out.println();
        out.flush();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String format(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.1f", seconds);
    }
}
