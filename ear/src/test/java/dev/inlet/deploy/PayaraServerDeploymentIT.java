package dev.inlet.deploy;

/** inlet.ear on the real Payara Server distribution, configured and deployed by server-config/payara. */
class PayaraServerDeploymentIT extends ServerDeploymentTest {

    PayaraServerDeploymentIT() {
        super("payara", 19371, "it-payara-Key_1", PayaraServer::new);
    }
}
