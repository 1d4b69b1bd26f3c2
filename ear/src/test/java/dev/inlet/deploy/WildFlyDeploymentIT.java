package dev.inlet.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** inlet.ear on the real WildFly distribution, configured and deployed by server-config/wildfly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyDeploymentIT {

    private static final InletSettings SETTINGS = new InletSettings("127.0.0.1", 19372, "it-wildfly-Key_2");

    private final DeploymentContext context = DeploymentContext.forServer("wildfly");
    private final WildFlyServer server = new WildFlyServer(context);

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
