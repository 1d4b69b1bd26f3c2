package dev.inlet.deploy;

/** inlet.ear on the real WildFly distribution, configured and deployed by server-config/wildfly. */
class WildFlyDeploymentIT extends ServerDeploymentTest {

    WildFlyDeploymentIT() {
        super("wildfly", 19372, "it-wildfly-Key_2", WildFlyServer::new);
    }
}
