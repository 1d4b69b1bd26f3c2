package dev.inlet.container;

import dev.inlet.api.security.CredentialsFile;
import dev.inlet.api.security.PasswordHash;
import dev.inlet.api.security.StoredUser;
import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restream from the shipped EAR on embedded Payara (issue 16): a relay target added through the API pushes the live
 * stream — here to Inlet's own RTMP listener, under another stream's key — so ffprobe reads h264 + aac from that
 * second stream; the listing shows the target's state and bytes but never its key; disabling stops the push,
 * deleting removes it; bad bodies get problems, viewers may only read; the state changes are server-sent events.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelaysContainerIT {

    private static final String DEPLOYMENT = "inlet-relays";
    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final String BASE = "http://127.0.0.1:" + Integer.getInteger(EmbeddedPayaraExtension.HTTP_PORT_PROPERTY);
    private static final String API = "/api/v1";
    private static final String SOURCE = "it-relay-source";
    private static final String COPY = "it-relay-copy";
    private static final String ADMIN_PASSWORD = "it-Admin-pw-7";
    private static final String VIEWER_PASSWORD = "it-Viewer-pw-8";
    private static final ApiClient ADMIN = ApiClient.as(BASE, "admin", ADMIN_PASSWORD);
    private static final ApiClient VIEWER = ApiClient.as(BASE, "viewer", VIEWER_PASSWORD);
    private static final List<String> EVENT_LINES = new CopyOnWriteArrayList<>();

    private static java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> eventStream;
    private static String copyKey;
    private static String relayId;
    private static Process publisher;
    private static Path dir;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false)
    static EnterpriseArchive inletEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
    }

    @Test
    @Order(1)
    void aRelayIsAddedThroughTheApiWithItsKeyNeverShown() throws IOException {
        CredentialsFile.write(Path.of(System.getProperty("inlet.security.credentials-file")), List.of(
                new StoredUser("admin", Set.of("inlet-admin"), PasswordHash.hash(ADMIN_PASSWORD.toCharArray())),
                new StoredUser("viewer", Set.of("inlet-viewer"), PasswordHash.hash(VIEWER_PASSWORD.toCharArray()))));
        deployer.deploy(DEPLOYMENT);
        eventStream = VIEWER.events(API + "/events");
        eventStream.thenAccept(response -> response.body().forEach(EVENT_LINES::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> eventStream.isDone() || !EVENT_LINES.isEmpty());
        for (String stream : List.of(SOURCE, COPY)) {
            assertThat(ADMIN.post(API + "/streams", "{\"code\":\"" + stream + "\"}").statusCode()).isEqualTo(201);
        }
        copyKey = object(ADMIN.post(API + "/streams/" + COPY + "/keys", "{\"priority\":1}").body()).getString("key");

        String relays = API + "/streams/" + SOURCE + "/relays";
        String target = "rtmp://127.0.0.1:" + RTMP_PORT + "/live";
        assertThat(VIEWER.post(relays, "{\"url\":\"" + target + "\",\"key\":\"" + copyKey + "\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> http = ADMIN.post(relays, "{\"url\":\"http://example.com/live\",\"key\":\"k\"}");
        assertThat(http.statusCode()).as(http.body()).isEqualTo(400);
        assertThat(object(http.body()).getString("detail")).contains("rtmp://");
        assertThat(ADMIN.post(relays, "{\"url\":\"" + target + "\"}").statusCode()).isEqualTo(400);
        assertThat(ADMIN.post(API + "/streams/nope/relays", "{\"url\":\"" + target + "\",\"key\":\"k\"}").statusCode())
                .isEqualTo(404);

        HttpResponse<String> created = ADMIN.post(relays, "{\"url\":\"" + target + "\",\"key\":\"" + copyKey + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(copyKey);
        JsonObject relay = object(created.body());
        relayId = relay.getString("id");
        assertThat(relay.getString("url")).isEqualTo("rtmp://127.0.0.1:" + RTMP_PORT + "/live");
        assertThat(copyKey).startsWith(relay.getString("keyPrefix"));
        assertThat(relay.getBoolean("enabled")).isTrue();
        assertThat(relay.getString("state")).isEqualTo("Idle");
    }

    @Test
    @Order(2)
    void theLiveStreamIsPushedToTheTarget() throws Exception {
        String sourceKey = object(ADMIN.post(API + "/streams/" + SOURCE + "/keys", "{\"priority\":1}").body()).getString("key");
        dir = Files.createTempDirectory(Path.of("target"), "relays-it-");
        publisher = new ProcessBuilder("timeout", "-k", "5", "90", "ffmpeg", "-hide_banner", "-nostdin",
                "-loglevel", "warning", "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "60",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-rw_timeout", "5000000", "-f", "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + sourceKey)
                .redirectErrorStream(true).redirectOutput(dir.resolve("publish.log").toFile()).start();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                relay().getString("state").equals("Live"));
        Path probeLog = dir.resolve("probe.log");
        Process probe = new ProcessBuilder("timeout", "-k", "5", "40", "ffprobe", "-v", "error", "-rw_timeout",
                "5000000", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + COPY)
                .redirectErrorStream(true).redirectOutput(probeLog.toFile()).start();
        assertThat(probe.waitFor(50, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(probeLog).lines().map(String::strip).toList())
                .as("the relayed copy, read back from Inlet").contains("h264", "aac");

        JsonObject live = relay();
        assertThat(live.getJsonNumber("bytesSent").longValue()).isPositive();
        assertThat(VIEWER.get(API + "/streams/" + SOURCE + "/relays").body()).doesNotContain(copyKey);
        assertThat(VIEWER.get("/metrics").body()).contains("inlet_relays_active 1.0", "inlet_relay_failures_total ");
        assertThat(VIEWER.patch(API + "/streams/" + SOURCE + "/relays/" + relayId, "{\"enabled\":false}").statusCode())
                .isEqualTo(403);
    }

    @Test
    @Order(3)
    void disablingStopsThePushAndDeletingRemovesTheTarget() {
        HttpResponse<String> disabled = ADMIN.patch(API + "/streams/" + SOURCE + "/relays/" + relayId, "{\"enabled\":false}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(object(disabled.body()).getBoolean("enabled")).isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> relay().getString("state").equals("Idle"));
        await("the relay's publish of the copy ended").atMost(Duration.ofSeconds(15)).until(() ->
                object(VIEWER.get(API + "/sessions").body()).getJsonArray("publishers").stream()
                        .noneMatch(p -> p.asJsonObject().getString("streamCode").equals(COPY)));
        assertThat(ADMIN.delete(API + "/streams/" + SOURCE + "/relays/" + relayId).statusCode()).isEqualTo(204);
        assertThat(VIEWER.get(API + "/streams/" + SOURCE + "/relays/" + relayId).statusCode()).isEqualTo(404);
        assertThat(array(VIEWER.get(API + "/streams/" + SOURCE + "/relays").body())).isEmpty();
        assertThat(EVENT_LINES).as("server-sent events").contains("event: relay")
                .anyMatch(line -> line.startsWith("data:") && line.contains(relayId) && line.contains("\"Live\""));
        assertThat(EVENT_LINES).noneMatch(line -> line.contains(copyKey));

        publisher.destroy();
        eventStream.cancel(true);
        for (String stream : List.of(SOURCE, COPY)) {
            assertThat(ADMIN.delete(API + "/streams/" + stream).statusCode()).isEqualTo(204);
        }
        deployer.undeploy(DEPLOYMENT);
    }

    private static JsonObject relay() {
        HttpResponse<String> response = VIEWER.get(API + "/streams/" + SOURCE + "/relays/" + relayId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(response.body());
    }

    private static JsonObject object(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonArray array(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}
