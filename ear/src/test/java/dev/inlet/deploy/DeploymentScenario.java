package dev.inlet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The life an operator gives the EAR on a running server: deploy, stream (RTMP, then SRT in and RTMP and HTTP-FLV out;
 * recorded, and the recording finished in the catalog), undeploy, and the same again without restarting the server. Between the two rounds the RTMP port must be free, which proves the
 * application's transport released it on undeploy.
 */
final class DeploymentScenario {

    private static final Duration LISTENER_WAIT = Duration.ofSeconds(15);
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);

    private final DeploymentContext context;
    private final ApplicationServer server;
    private final InletSettings settings;
    private final RtmpRoundTrip roundTrip;
    private final ApiCheck api = new ApiCheck();

    DeploymentScenario(DeploymentContext context, ApplicationServer server, InletSettings settings) {
        this.context = context;
        this.server = server;
        this.settings = settings;
        this.roundTrip = new RtmpRoundTrip(context);
    }

    void deployStreamAndUndeployTwice() {
        int port = settings.rtmpPort();
        assertThat(TcpPorts.isFree(port))
                .as("RTMP port %d is taken before %s deployed anything: another process holds it", port, server.name())
                .isTrue();
        for (String round : new String[] {"first", "second"}) {
            Path ear = context.environment().ear();
            context.timings().measure("deploy " + round, () -> server.deploy(ear));
            assertThat(TcpPorts.awaitListening(settings.rtmpHost(), port, LISTENER_WAIT))
                    .as("%s: after the %s deploy nothing listens on %s:%d%s", server.name(), round,
                            settings.rtmpHost(), port, CommandRunner.quote(server.serverLog()))
                    .isTrue();

            java.time.Instant deployed = java.time.Instant.now().minusSeconds(1);
            api.enableDemoRecording(server);
            context.timings().measure("stream " + round, () -> roundTrip.assertDemoStreamFlows(settings, round, server.serverLog()));
            context.timings().measure("srt " + round,
                    () -> roundTrip.assertDemoStreamFlowsOverSrt(settings, round, server.serverLog(), server.httpPort()));
            context.timings().measure("api " + round, () -> api.assertApiAnswers(server, round));
            api.assertDemoRecorded(server, round, deployed);
            server.readinessUrl().ifPresent(url -> api.assertReady(server, url));

            context.timings().measure("undeploy " + round, () -> undeploy(round));
            assertThat(TcpPorts.awaitFree(port, RELEASE_WAIT))
                    .as("%s: RTMP port %d still held %s after the %s undeploy: the transport did not release it%s",
                            server.name(), port, RELEASE_WAIT, round, CommandRunner.quote(server.serverLog()))
                    .isTrue();
        }
    }

    /** Undeploys; a hang is reported with the stacks of the application's threads, the only lead a CI log keeps. */
    private void undeploy(String round) {
        try {
            server.undeploy();
        } catch (AssertionError e) {
            Path dump = context.workDirectory().resolve("logs").resolve("undeploy-" + round + "-threads.txt");
            throw new AssertionError(e.getMessage() + ThreadDumps.of(server.process(), dump), e);
        }
    }
}
