package dev.inlet.container;

import dev.inlet.api.security.CredentialsFile;
import dev.inlet.api.security.PasswordHash;
import dev.inlet.api.security.StoredUser;
import dev.inlet.container.observers.RecordingObservers;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API of the shipped EAR on embedded Payara, driven over HTTP like an operator's script: the built-in
 * identity store (users written here, hashed), 401/403/200 by role, streams and keys, a publish with an issued
 * key, the session list, kick and revoke, server-sent events, problem documents (wrong JSON types too), health and
 * OpenAPI.
 *
 * <p>The deployment is the real EAR plus one test-only CDI bean in its web module ({@link RecordingObservers}):
 * synchronous and asynchronous observers and a publish authorisation rule, as an enterprise application adds them.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@RunAsClient
class ApiContainerIT {

    private static final String DEPLOYMENT = "inlet-api";
    private static final String RTMP_HOST = "127.0.0.1";
    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final String BASE = "http://127.0.0.1:" + Integer.getInteger(EmbeddedPayaraExtension.HTTP_PORT_PROPERTY);
    private static final String API = "/api/v1";
    private static final String ADMIN_PASSWORD = "it-Admin-pw-1";
    private static final String VIEWER_PASSWORD = "it-Viewer-pw-2";
    private static final Duration RTMP_TIMEOUT = Duration.ofSeconds(10);
    private static final String STREAM = "it-news";

    private static final ApiClient ADMIN = ApiClient.as(BASE, "admin", ADMIN_PASSWORD);
    private static final ApiClient VIEWER = ApiClient.as(BASE, "viewer", VIEWER_PASSWORD);
    private static final ApiClient NOBODY = ApiClient.anonymous(BASE);

    private static final List<String> EVENT_LINES = new CopyOnWriteArrayList<>();
    private static CompletableFuture<HttpResponse<Stream<String>>> eventStream;
    private static String issuedKey;
    private static long issuedKeyId;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false)
    static EnterpriseArchive inletEarWithTestObservers() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "inlet-web.war");
        web.addClass(RecordingObservers.class);
        ear.delete("inlet-web.war");
        return ear.addAsModule(web);
    }

    @Test
    @Order(1)
    void theEarDeploysWithTheBuiltInUsers() throws IOException {
        Path credentials = Path.of(System.getProperty("inlet.security.credentials-file"));
        CredentialsFile.write(credentials, List.of(
                new StoredUser("admin", Set.of("inlet-admin"), PasswordHash.hash(ADMIN_PASSWORD.toCharArray())),
                new StoredUser("viewer", Set.of("inlet-viewer"), PasswordHash.hash(VIEWER_PASSWORD.toCharArray()))));
        deployer.deploy(DEPLOYMENT);
    }

    @Test
    @Order(2)
    void withoutCredentialsTheApiAnswers401() {
        HttpResponse<String> response = NOBODY.get(API + "/streams");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");

        assertThat(ApiClient.as(BASE, "admin", "wrong").get(API + "/streams").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aViewerReadsButMayNotChangeAnything() {
        HttpResponse<String> list = VIEWER.get(API + "/streams");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");

        HttpResponse<String> create = VIEWER.post(API + "/streams", "{\"code\":\"viewer-made\"}");
        assertProblem(create, 403, "urn:inlet:problem:forbidden");
        assertThat(VIEWER.delete(API + "/sessions/nothing").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void anAdminCreatesAStreamAndBadRequestsGetProblemDocuments() {
        HttpResponse<String> created = ADMIN.post(API + "/streams", "{\"code\":\"" + STREAM + "\",\"name\":\"IT news\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).get().asString().endsWith(API + "/streams/" + STREAM);
        JsonObject stream = object(created.body());
        assertThat(stream.getString("code")).isEqualTo(STREAM);
        assertThat(stream.getString("name")).isEqualTo("IT news");
        assertThat(stream.getString("state")).isEqualTo("Idle");

        assertProblem(ADMIN.post(API + "/streams", "{\"code\":\"" + STREAM + "\"}"), 409, "urn:inlet:problem:conflict");
        HttpResponse<String> invalid = ADMIN.post(API + "/streams", "{\"code\":\"has space\"}");
        JsonObject problem = assertProblem(invalid, 400, "urn:inlet:problem:invalid-request");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
        assertProblem(ADMIN.post(API + "/streams", "{not json"), 400, "urn:inlet:problem:invalid-request");
        assertProblem(ADMIN.get(API + "/streams/nope"), 404, "urn:inlet:problem:not-found");

        HttpResponse<String> list = VIEWER.get(API + "/streams");
        assertThat(array(list.body()).stream().map(v -> v.asJsonObject().getString("code"))).contains(STREAM);
    }

    @Test
    @Order(5)
    void anIssuedKeyIsShownOnceAndListedByItsPrefix() {
        HttpResponse<String> created = ADMIN.post(API + "/streams/" + STREAM + "/keys", "{\"priority\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        JsonObject key = object(created.body());
        issuedKey = key.getString("key");
        issuedKeyId = key.getJsonNumber("id").longValue();
        assertThat(issuedKey).hasSizeGreaterThan(20);
        assertThat(key.getString("prefix")).isEqualTo(issuedKey.substring(0, 6));

        HttpResponse<String> list = VIEWER.get(API + "/streams/" + STREAM + "/keys");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(issuedKey).contains(issuedKey.substring(0, 6));
        assertThat(array(list.body()).getJsonObject(0).containsKey("key")).isFalse();

        assertProblem(ADMIN.post(API + "/streams/" + STREAM + "/keys", "{\"priority\":0}"), 400,
                "urn:inlet:problem:invalid-request");
    }

    @Test
    @Order(6)
    void theEventStreamOpensForAViewer() {
        eventStream = VIEWER.events(API + "/events");
        eventStream.thenAccept(response -> response.body().forEach(EVENT_LINES::add));
        awaitTrue("the event stream to open", () -> eventStream.isDone() || !EVENT_LINES.isEmpty());
        HttpResponse<Stream<String>> response = eventStream.getNow(null);
        if (response != null) {
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    @Order(7)
    void aPublishWithTheIssuedKeyShowsInSessionsDetailAndEventsAndAKickEndsIt() throws Exception {
        try (RtmpClient encoder = RtmpClient.connect(RTMP_HOST, RTMP_PORT, "live", RTMP_TIMEOUT)) {
            int streamId = encoder.createStream();
            RtmpStatus status = encoder.publish(streamId, issuedKey);
            assertThat(status.code()).as(status.toString()).isEqualTo("NetStream.Publish.Start");
            encoder.sendMedia(streamId, MessageTypes.AUDIO, 0, new byte[] {(byte) 0xAF, 0x00, 0x12, 0x10});

            JsonObject publisher = awaitPublisher(STREAM);
            assertThat(publisher.getString("keyPrefix")).isEqualTo(issuedKey.substring(0, 6));
            assertThat(publisher.getString("app")).isEqualTo("live");
            assertThat(publisher.getString("remoteAddress")).contains("127.0.0.1");

            JsonObject detail = object(VIEWER.get(API + "/streams/" + STREAM).body());
            assertThat(detail.getString("state")).isEqualTo("Active");
            assertThat(detail.getBoolean("live")).isTrue();
            JsonObject input = detail.getJsonArray("inputs").getJsonObject(0);
            assertThat(input.getInt("priority")).isEqualTo(1);
            assertThat(input.getBoolean("live")).isTrue();
            assertThat(detail.containsKey("tracks")).isTrue();

            HttpResponse<String> kick = ADMIN.delete(API + "/sessions/" + publisher.getString("id"));
            assertThat(kick.statusCode()).as(kick.body()).isEqualTo(204);
            assertThat(encoder.awaitServerClose(RTMP_TIMEOUT)).as("the server closed the kicked encoder").isTrue();
        }
        awaitTrue("the publisher gone from the session list", () -> publishersOf(STREAM).isEmpty());
        assertProblem(ADMIN.delete(API + "/sessions/no-such-session"), 404, "urn:inlet:problem:not-found");

        awaitTrue("publish and unpublish events", () -> eventData("publish").anyMatch(d -> d.contains(STREAM))
                && eventData("unpublish").anyMatch(d -> d.contains(STREAM)));
    }

    @Test
    @Order(8)
    void revokingAKeyDisconnectsTheEncoderUsingItAndRefusesItAfterwards() throws Exception {
        try (RtmpClient encoder = RtmpClient.connect(RTMP_HOST, RTMP_PORT, "live", RTMP_TIMEOUT)) {
            int streamId = encoder.createStream();
            assertThat(encoder.publish(streamId, issuedKey).code()).isEqualTo("NetStream.Publish.Start");
            awaitPublisher(STREAM);

            HttpResponse<String> revoked = ADMIN.delete(API + "/streams/" + STREAM + "/keys/" + issuedKeyId);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            assertThat(object(revoked.body()).getBoolean("enabled")).isFalse();
            assertThat(encoder.awaitServerClose(RTMP_TIMEOUT)).isTrue();
        }
        try (RtmpClient again = RtmpClient.connect(RTMP_HOST, RTMP_PORT, "live", RTMP_TIMEOUT)) {
            RtmpStatus status = again.publish(again.createStream(), issuedKey);
            assertThat(status.code()).isEqualTo("NetStream.Publish.BadName");
        }
    }

    @Test
    @Order(9)
    void observersOfTheApplicationHearPublishesAndMayDenyThem() throws Exception {
        ADMIN.post(API + "/streams", "{\"code\":\"" + RecordingObservers.DENIED_STREAM + "\"}");
        String deniedKey = object(ADMIN.post(API + "/streams/" + RecordingObservers.DENIED_STREAM + "/keys", "{}").body())
                .getString("key");
        try (RtmpClient encoder = RtmpClient.connect(RTMP_HOST, RTMP_PORT, "live", RTMP_TIMEOUT)) {
            RtmpStatus status = encoder.publish(encoder.createStream(), deniedKey);
            assertThat(status.code()).isEqualTo("NetStream.Publish.BadName");
            assertThat(status.description()).contains(RecordingObservers.DENIAL);
        }
        assertThat(RecordingObservers.SYNC_PUBLISHES).contains(STREAM).doesNotContain(RecordingObservers.DENIED_STREAM);
        awaitTrue("asynchronous observers", () -> RecordingObservers.ASYNC_PUBLISHES.contains(STREAM)
                && RecordingObservers.ASYNC_UNPUBLISHES.contains(STREAM));
        assertThat(RecordingObservers.AUTHORIZATION_THREADS).isNotEmpty()
                .noneMatch(thread -> thread.contains("selector"));
    }

    @Test
    @Order(10)
    void healthAndOpenApiRespond() {
        HttpResponse<String> ready = NOBODY.get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("rtmp-transport").contains("stream-registry").contains("UP");
        HttpResponse<String> live = NOBODY.get("/health/live");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);

        HttpResponse<String> openApi = NOBODY.get("/openapi");
        assertThat(openApi.statusCode()).as(openApi.body()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/streams").contains("/api/v1/sessions");

        HttpResponse<String> blocked = ADMIN.get(API + "/blocked-addresses");
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(200);
        assertThat(blocked.body().trim()).startsWith("[");
        assertProblem(ADMIN.delete(API + "/blocked-addresses/192.0.2.1"), 404, "urn:inlet:problem:not-found");
    }

    @Test
    @Order(11)
    void wrongJsonTypesAreRefusedNotCoerced() {
        assertFieldRefused(ADMIN.patch(API + "/streams/" + STREAM, "{\"enabled\":\"yes\"}"), "enabled", "must be true or false");
        assertFieldRefused(ADMIN.patch(API + "/streams/" + STREAM, "{\"enabled\":1}"), "enabled", "must be true or false");
        JsonObject stream = object(VIEWER.get(API + "/streams/" + STREAM).body());
        assertThat(stream.getBoolean("enabled")).isTrue();
        assertThat(stream.getString("state")).isNotEqualTo("Disabled");

        assertFieldRefused(ADMIN.post(API + "/streams", "{\"code\":123}"), "code", "must be a string");
        assertProblem(ADMIN.get(API + "/streams/123"), 404, "urn:inlet:problem:not-found");

        String switchInput = API + "/streams/" + STREAM + "/switch";
        assertFieldRefused(ADMIN.post(switchInput, "{\"priority\":\"1\"}"), "priority", "must be a whole number");
        assertFieldRefused(ADMIN.post(switchInput, "{\"priority\":1.5}"), "priority", "must be a whole number");
        assertFieldRefused(ADMIN.post(switchInput, "{\"priority\":2147483648}"), "priority", "is out of range");
        assertFieldRefused(ADMIN.post(API + "/streams/" + STREAM + "/keys", "{\"priority\":\"2\"}"), "priority",
                "must be a whole number");
        assertThat(array(VIEWER.get(API + "/streams/" + STREAM + "/keys").body()).stream()
                .map(key -> key.asJsonObject().getInt("priority"))).doesNotContain(2);
    }

    @Test
    @Order(12)
    void streamCodesMayHaveDotsAndTildesButNotBeADotSegment() {
        String code = "it.news~2";
        HttpResponse<String> created = ADMIN.post(API + "/streams", "{\"code\":\"" + code + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(VIEWER.get(API + "/streams/" + code).statusCode()).isEqualTo(200);
        assertThat(ADMIN.delete(API + "/streams/" + code).statusCode()).isEqualTo(204);

        JsonObject problem = assertProblem(ADMIN.post(API + "/streams", "{\"code\":\"..\"}"), 400,
                "urn:inlet:problem:invalid-request");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
    }

    @Test
    @Order(13)
    void disablingAndDeletingAStream() {
        // a stream's own SRT passphrase: write-only, validated like libsrt's, removed with ""
        HttpResponse<String> secured = ADMIN.patch(API + "/streams/" + STREAM,
                "{\"srtPassphrase\":\"the-streams-own-secret\"}");
        assertThat(secured.statusCode()).as(secured.body()).isEqualTo(200);
        assertThat(object(secured.body()).getBoolean("srtPassphrase")).isTrue();
        assertThat(secured.body()).doesNotContain("the-streams-own-secret");
        assertThat(ADMIN.get(API + "/streams").body()).doesNotContain("the-streams-own-secret");
        JsonObject tooShort = assertProblem(ADMIN.patch(API + "/streams/" + STREAM, "{\"srtPassphrase\":\"short\"}"),
                400, "urn:inlet:problem:invalid-request");
        assertThat(tooShort.getString("detail")).contains("10 to 79 characters");
        assertThat(object(ADMIN.patch(API + "/streams/" + STREAM, "{\"srtPassphrase\":\"\"}").body())
                .getBoolean("srtPassphrase")).isFalse();

        HttpResponse<String> disabled = ADMIN.patch(API + "/streams/" + STREAM, "{\"enabled\":false}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(object(disabled.body()).getString("state")).isEqualTo("Disabled");
        assertProblem(ADMIN.patch(API + "/streams/" + STREAM, "{\"name\":\"  \"}"), 400, "urn:inlet:problem:invalid-request");

        assertThat(ADMIN.delete(API + "/streams/" + STREAM).statusCode()).isEqualTo(204);
        assertProblem(ADMIN.get(API + "/streams/" + STREAM), 404, "urn:inlet:problem:not-found");
        assertProblem(ADMIN.delete(API + "/streams/" + STREAM), 404, "urn:inlet:problem:not-found");
    }

    @Test
    @Order(14)
    void undeploys() {
        eventStream.cancel(true);
        deployer.undeploy(DEPLOYMENT);
    }

    @AfterAll
    static void closeEventStream() {
        if (eventStream != null) {
            eventStream.cancel(true);
        }
    }

    private static JsonObject awaitPublisher(String stream) {
        awaitTrue("a publisher of " + stream + " in the session list", () -> !publishersOf(stream).isEmpty());
        return publishersOf(stream).get(0);
    }

    private static List<JsonObject> publishersOf(String stream) {
        HttpResponse<String> sessions = VIEWER.get(API + "/sessions");
        assertThat(sessions.statusCode()).as(sessions.body()).isEqualTo(200);
        return object(sessions.body()).getJsonArray("publishers").stream().map(v -> v.asJsonObject())
                .filter(p -> p.getString("streamCode").equals(stream)).toList();
    }

    /** The data lines of the SSE events named {@code name} received so far. */
    private static Stream<String> eventData(String name) {
        List<String> lines = List.copyOf(EVENT_LINES);
        java.util.ArrayList<String> data = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("event: " + name) || lines.get(i).equals("event:" + name)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    if (lines.get(j).startsWith("data:")) {
                        data.add(lines.get(j));
                    }
                }
            }
        }
        return data.stream();
    }

    private static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonObject problem = object(response.body());
        assertThat(problem.getString("type", null)).as(response.body()).isEqualTo(type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        return problem;
    }

    /** A 400 problem whose detail and only error name the member and what it must be. */
    private static void assertFieldRefused(HttpResponse<String> response, String field, String message) {
        JsonObject problem = assertProblem(response, 400, "urn:inlet:problem:invalid-request");
        assertThat(problem.getString("detail")).isEqualTo("\"" + field + "\" " + message);
        JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("field")).isEqualTo(field);
        assertThat(error.getString("message")).isEqualTo(message);
    }

    private static JsonObject object(String json) {
        return parse(json).asJsonObject();
    }

    private static JsonArray array(String json) {
        return parse(json).asJsonArray();
    }

    private static JsonStructure parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.read();
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; events so far: " + EVENT_LINES);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
