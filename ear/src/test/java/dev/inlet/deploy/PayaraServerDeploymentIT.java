package dev.inlet.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** inlet.ear on the real Payara Server distribution, configured and deployed by server-config/payara. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraServerDeploymentIT {

    private static final InletSettings SETTINGS = new InletSettings("127.0.0.1", 19371, "it-payara-Key_1");

    private final DeploymentContext context = DeploymentContext.forServer("payara");
    private final PayaraServer server = new PayaraServer(context);

    @BeforeAll
    void startAndConfigureServer() {
        context.timings().measure("start", server::start);
        context.timings().measure("configure", () -> server.configure(SETTINGS));
        context.timings().measure("add API users", () -> ApiCheck.addUsers(server));
    }

    @Test
    void streamsTheDemoStreamAndRedeploysWithoutRestart() {
        new DeploymentScenario(context, server, SETTINGS).deployStreamAndUndeployTwice();
    }

    @AfterAll
    void stopServer() {
        context.timings().measure("stop", server::stop);
        context.saveTimings();
    }
}
