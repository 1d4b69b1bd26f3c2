package dev.inlet.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.function.Function;

/**
 * inlet.ear on a real application-server distribution: start it, configure it with its server-config
 * scripts, add the API users, then deploy, stream, undeploy twice without a restart; stop it always.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerDeploymentTest {

    private final InletSettings settings;
    private final DeploymentContext context;
    private final ApplicationServer server;

    ServerDeploymentTest(String name, int rtmpPort, String demoKey,
                         Function<DeploymentContext, ApplicationServer> serverFactory) {
        this.settings = new InletSettings("127.0.0.1", rtmpPort, demoKey);
        this.context = DeploymentContext.forServer(name);
        this.server = serverFactory.apply(context);
    }

    @BeforeAll
    void startAndConfigureServer() {
        context.timings().measure("start", server::start);
        context.timings().measure("configure", () -> server.configure(settings));
        context.timings().measure("add API users", () -> ApiCheck.addUsers(server));
    }

    @Test
    void streamsTheDemoStreamAndRedeploysWithoutRestart() {
        new DeploymentScenario(context, server, settings).deployStreamAndUndeployTwice();
    }

    @AfterAll
    void stopServer() {
        context.timings().measure("stop", server::stop);
        context.saveTimings();
    }
}
