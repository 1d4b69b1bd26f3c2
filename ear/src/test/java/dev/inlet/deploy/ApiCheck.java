package dev.inlet.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API on a real server, authenticated by that server's own realm (users added with the operator
 * scripts): 401 without credentials, 200 for both roles, 403 for a viewer that tries to change something.
 */
final class ApiCheck {

    static final String ADMIN = "inlet-it-admin";
    static final String ADMIN_PASSWORD = "It-admin-Pw-7";
    static final String VIEWER = "inlet-it-viewer";
    static final String VIEWER_PASSWORD = "It-viewer-Pw-8";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    static void addUsers(ApplicationServer server) {
        server.addApiUser(ADMIN, ADMIN_PASSWORD, "inlet-admin");
        server.addApiUser(VIEWER, VIEWER_PASSWORD, "inlet-viewer");
    }

    void assertApiAnswers(ApplicationServer server, String round) {
        String streams = "http://127.0.0.1:" + server.httpPort() + "/api/v1/streams";
        String log = CommandRunner.quote(server.serverLog());

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(streams)).GET(), Optional.empty());
        assertThat(anonymous.statusCode()).as("%s %s: GET %s without credentials: %s%s", server.name(), round, streams,
                anonymous.body(), log).isEqualTo(401);

        HttpResponse<String> admin = send(HttpRequest.newBuilder(URI.create(streams)).GET(), basic(ADMIN, ADMIN_PASSWORD));
        assertThat(admin.statusCode()).as("%s %s: GET %s as admin: %s%s", server.name(), round, streams, admin.body(), log)
                .isEqualTo(200);
        assertThat(admin.body()).as("the demo stream is listed").contains("\"code\":\"demo\"");

        HttpResponse<String> viewer = send(HttpRequest.newBuilder(URI.create(streams)).GET(), basic(VIEWER, VIEWER_PASSWORD));
        assertThat(viewer.statusCode()).as("%s %s: GET as viewer: %s", server.name(), round, viewer.body()).isEqualTo(200);

        HttpResponse<String> viewerWrite = send(HttpRequest.newBuilder(URI.create(streams))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"viewer-" + round + "\"}")), basic(VIEWER, VIEWER_PASSWORD));
        assertThat(viewerWrite.statusCode()).as("%s %s: POST as viewer: %s", server.name(), round, viewerWrite.body())
                .isEqualTo(403);
        assertThat(viewerWrite.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertConsoleServed(server, round);
    }

    /**
     * The console is served by the deployment and signs its users in against this server's realm: what it asks
     * after sign-in ({@code GET /api/v1/me}) knows each realm user's role.
     */
    private void assertConsoleServed(ApplicationServer server, String round) {
        String origin = "http://127.0.0.1:" + server.httpPort();
        HttpResponse<String> page;
        try {
            // as a browser does: WildFly answers /console/ with a redirect to its welcome file
            page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(origin + "/console/")).timeout(TIMEOUT).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(page.statusCode()).as("%s %s: GET /console/ (ends at %s)", server.name(), round, page.uri())
                .isEqualTo(200);
        assertThat(page.uri().getPath()).as("where /console/ leads").startsWith("/console/");
        assertThat(page.body()).contains("<title>Inlet console</title>", "js/app.js");
        URI me = URI.create(origin + "/api/v1/me");
        HttpResponse<String> admin = send(HttpRequest.newBuilder(me).GET(), basic(ADMIN, ADMIN_PASSWORD));
        assertThat(admin.body()).as("%s %s: GET /api/v1/me as the realm's admin", server.name(), round)
                .contains("\"admin\":true", "\"name\":\"" + ADMIN + "\"");
        HttpResponse<String> viewer = send(HttpRequest.newBuilder(me).GET(), basic(VIEWER, VIEWER_PASSWORD));
        assertThat(viewer.body()).as("%s %s: GET /api/v1/me as the realm's viewer", server.name(), round)
                .contains("\"admin\":false", "\"roles\":[\"inlet-viewer\"]");
    }

    /** Switches recording of the demo stream on (the policy is kept in the server's database across redeploys). */
    void enableDemoRecording(ApplicationServer server) {
        String url = "http://127.0.0.1:" + server.httpPort() + "/api/v1/streams/demo/recording";
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": true}")), basic(ADMIN, ADMIN_PASSWORD));
        assertThat(put.statusCode()).as("%s: PUT %s: %s%s", server.name(), url, put.body(),
                CommandRunner.quote(server.serverLog())).isEqualTo(200);
    }

    /**
     * A recording of the demo stream that started after {@code since} is finished, in the server's own JPA provider
     * (EclipseLink on Payara, Hibernate on WildFly) and on the recordings' own threads.
     */
    void assertDemoRecorded(ApplicationServer server, String round, java.time.Instant since) {
        String url = "http://127.0.0.1:" + server.httpPort() + "/api/v1/recordings?stream=demo&from=" + since;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> list;
        do {
            list = send(HttpRequest.newBuilder(URI.create(url)).GET(), basic(VIEWER, VIEWER_PASSWORD));
            if (list.statusCode() == 200 && list.body().contains("\"state\":\"Finished\"")) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError(server.name() + " " + round + ": no finished recording of the demo stream in " + url
                + ": " + list.statusCode() + " " + list.body() + CommandRunner.quote(server.serverLog()));
    }

    /** MicroProfile Health where the server has it: ready once the RTMP transport is bound. */
    void assertReady(ApplicationServer server, String healthUrl) {
        HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(healthUrl)).GET(), Optional.empty());
        assertThat(ready.statusCode()).as("%s: GET %s: %s", server.name(), healthUrl, ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("rtmp-transport");
    }

    private static Optional<String> basic(String user, String password) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Optional<String> authorization) {
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
