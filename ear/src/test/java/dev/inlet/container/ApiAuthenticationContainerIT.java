package dev.inlet.container;

import dev.inlet.api.security.CredentialsFile;
import dev.inlet.api.security.PasswordHash;
import dev.inlet.api.security.StoredUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the built-in HTTP Basic login of the shipped EAR answers on embedded Payara: missing and wrong credentials
 * get Inlet's problem document with a challenge (never the container's HTML page), no answer names the server's
 * software in {@code X-Powered-By}, the container's own 403 is a problem document too, and an address that keeps failing is refused with 429 and {@code Retry-After}.
 * A deployment of its own, since the last case blocks the test's address (127.0.0.1) for the rest of it.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@RunAsClient
class ApiAuthenticationContainerIT {

    private static final String DEPLOYMENT = "inlet-api-authentication";
    private static final String BASE = "http://127.0.0.1:" + Integer.getInteger(EmbeddedPayaraExtension.HTTP_PORT_PROPERTY);
    private static final String STREAMS = "/api/v1/streams";
    private static final String ADMIN_PASSWORD = "it-Auth-admin-pw-3";
    private static final String OUTSIDER_PASSWORD = "it-Auth-other-pw-4";
    /** inlet.security.login-failures-before-block is left at its default. */
    private static final int FAILURES_BEFORE_BLOCK = 10;

    private static final ApiClient ADMIN = ApiClient.as(BASE, "admin", ADMIN_PASSWORD);

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false)
    static EnterpriseArchive inletEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
    }

    @Test
    @Order(1)
    void deploysWithTheBuiltInAdmin() throws IOException {
        CredentialsFile.write(Path.of(System.getProperty("inlet.security.credentials-file")), List.of(
                new StoredUser("admin", Set.of("inlet-admin"), PasswordHash.hash(ADMIN_PASSWORD.toCharArray())),
                new StoredUser("outsider", Set.of("other"), PasswordHash.hash(OUTSIDER_PASSWORD.toCharArray()))));
        deployer.deploy(DEPLOYMENT);
    }

    @Test
    @Order(2)
    void withoutCredentialsTheAnswerIsAProblemDocumentWithAChallenge() {
        HttpResponse<String> response = ApiClient.anonymous(BASE).get(STREAMS);

        assertUnauthenticated(response);
        assertNoServerIdentity(response);
    }

    @Test
    @Order(3)
    void aWrongPasswordAndAnUnknownUserGetTheSameProblemDocument() {
        HttpResponse<String> wrongPassword = ApiClient.as(BASE, "admin", "wrong").get(STREAMS);
        HttpResponse<String> unknownUser = ApiClient.as(BASE, "nobody", "wrong").get(STREAMS);

        assertUnauthenticated(wrongPassword);
        assertUnauthenticated(unknownUser);
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
        assertNoServerIdentity(wrongPassword);
    }

    @Test
    @Order(4)
    void aValidLoginIsAnsweredWithoutXPoweredBy() {
        HttpResponse<String> response = ADMIN.get(STREAMS);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertNoServerIdentity(response);
    }

    @Test
    @Order(5)
    void aUserWithoutAnyApiRoleIsRefusedByTheContainerWithAProblemDocumentToo() {
        // the web module's security constraint refuses before JAX-RS runs: the container's 403, as an error page
        HttpResponse<String> response = ApiClient.as(BASE, "outsider", OUTSIDER_PASSWORD).get(STREAMS);

        assertProblem(response, 403, "urn:inlet:problem:forbidden");
        assertNoServerIdentity(response);
    }

    @Test
    @Order(6)
    void anAddressThatKeepsFailingIsRefusedWith429AndRetryAfterEvenWithTheRightPassword() {
        ApiClient guesser = ApiClient.as(BASE, "admin", "guess");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        // the two failures of the earlier cases count too: the block comes within the threshold
        for (int i = 0; i < FAILURES_BEFORE_BLOCK && refused == null; i++) {
            HttpResponse<String> response = guesser.get(STREAMS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as("statuses: %s", statuses).isNotNull();
        assertThat(statuses.subList(0, statuses.size() - 1)).as("before the block").containsOnly(401);
        assertThat(statuses).as("blocked after %s failures in all", FAILURES_BEFORE_BLOCK)
                .hasSize(FAILURES_BEFORE_BLOCK - 2 + 1);
        JsonObject problem = assertProblem(refused, 429, "urn:inlet:problem:login-blocked");
        assertThat(problem.getString("detail")).contains("too many failed logins");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);

        assertProblem(ADMIN.get(STREAMS), 429, "urn:inlet:problem:login-blocked");
    }

    @Test
    @Order(7)
    void undeploys() {
        deployer.undeploy(DEPLOYMENT);
    }

    private static void assertUnauthenticated(HttpResponse<String> response) {
        assertProblem(response, 401, "urn:inlet:problem:unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"inlet\"");
    }

    private static void assertNoServerIdentity(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-Powered-By")).as(response.headers().toString()).isEmpty();
    }

    private static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .as(response.body()).startsWith("application/problem+json");
        JsonObject problem;
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            problem = reader.readObject();
        }
        assertThat(problem.getString("type")).isEqualTo(type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        return problem;
    }
}
