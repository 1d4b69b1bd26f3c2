package dev.inlet.container;

import dev.inlet.api.security.CredentialsFile;
import dev.inlet.api.security.PasswordHash;
import dev.inlet.api.security.StoredUser;
import dev.inlet.container.observers.RecordingEventObservers;
import dev.inlet.events.RecordingFinished;
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
import org.jboss.shrinkwrap.api.spec.WebArchive;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recordings in the shipped EAR on embedded Payara (issue 15): recording is switched on through the API, ffmpeg
 * publishes 10 s of H.264 + AAC, the API lists one finished recording of 9.5–10.5 s, the downloaded MP4 passes
 * ffprobe (h264 + aac, duration within 0.5 s) and decodes without an error, a Range request for its middle returns
 * 206 with the right bytes, an application's observers and the server-sent events tell of it, and an administrator
 * deletes it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordingsContainerIT {

    private static final String DEPLOYMENT = "inlet-recordings";
    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final String BASE = "http://127.0.0.1:" + Integer.getInteger(EmbeddedPayaraExtension.HTTP_PORT_PROPERTY);
    private static final String API = "/api/v1";
    private static final String STREAM = "it-recorded";
    private static final String ADMIN_PASSWORD = "it-Admin-pw-5";
    private static final String VIEWER_PASSWORD = "it-Viewer-pw-6";
    private static final ApiClient ADMIN = ApiClient.as(BASE, "admin", ADMIN_PASSWORD);
    private static final ApiClient VIEWER = ApiClient.as(BASE, "viewer", VIEWER_PASSWORD);

    private static final List<String> EVENT_LINES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> eventStream;
    private static String recordingId;
    private static Path downloaded;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false)
    static EnterpriseArchive inletEarWithRecordingObservers() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "inlet-web.war");
        web.addClass(RecordingEventObservers.class);
        ear.delete("inlet-web.war");
        return ear.addAsModule(web);
    }

    @Test
    @Order(1)
    void recordingIsSwitchedOnForAStreamByAnAdministrator() throws IOException {
        CredentialsFile.write(Path.of(System.getProperty("inlet.security.credentials-file")), List.of(
                new StoredUser("admin", Set.of("inlet-admin"), PasswordHash.hash(ADMIN_PASSWORD.toCharArray())),
                new StoredUser("viewer", Set.of("inlet-viewer"), PasswordHash.hash(VIEWER_PASSWORD.toCharArray()))));
        deployer.deploy(DEPLOYMENT);
        assertThat(ADMIN.post(API + "/streams", "{\"code\":\"" + STREAM + "\"}").statusCode()).isEqualTo(201);
        eventStream = VIEWER.events(API + "/events");
        eventStream.thenAccept(response -> response.body().forEach(EVENT_LINES::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> eventStream.isDone() || !EVENT_LINES.isEmpty());

        JsonObject off = object(VIEWER.get(API + "/streams/" + STREAM + "/recording").body());
        assertThat(off.getBoolean("enabled")).isFalse();
        assertThat(VIEWER.put(API + "/streams/" + STREAM + "/recording", "{\"enabled\": true}").statusCode())
                .as("viewers may not").isEqualTo(403);
        HttpResponse<String> invalid = ADMIN.put(API + "/streams/" + STREAM + "/recording", "{\"enabled\": \"yes\"}");
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        HttpResponse<String> missing = ADMIN.put(API + "/streams/" + STREAM + "/recording", "{\"maxBytes\": 5}");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(ADMIN.put(API + "/streams/nope/recording", "{\"enabled\": true}").statusCode()).isEqualTo(404);

        HttpResponse<String> on = ADMIN.put(API + "/streams/" + STREAM + "/recording", "{\"enabled\": true, \"maxAgeHours\": 720}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        JsonObject policy = object(on.body());
        assertThat(policy.getBoolean("enabled")).isTrue();
        assertThat(policy.getJsonNumber("maxAgeHours").longValue()).isEqualTo(720);
        assertThat(policy.getBoolean("ownRetention")).isTrue();
    }

    @Test
    @Order(2)
    void tenSecondsPublishedByFfmpegBecomeOneFinishedRecording() throws Exception {
        HttpResponse<String> created = ADMIN.post(API + "/streams/" + STREAM + "/keys", "{\"priority\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = object(created.body()).getString("key");
        Path dir = Files.createTempDirectory(Path.of("target"), "recordings-it-");
        Process ffmpeg = new ProcessBuilder("timeout", "-k", "5", "60", "ffmpeg", "-hide_banner", "-nostdin",
                "-loglevel", "warning", "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "10",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac",
                "-rw_timeout", "5000000", "-f", "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + key)
                .redirectErrorStream(true).redirectOutput(dir.resolve("publish.log").toFile()).start();
        assertThat(ffmpeg.waitFor(70, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(Files.readString(dir.resolve("publish.log"))).isZero();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                array(VIEWER.get(API + "/recordings?stream=" + STREAM).body()).stream()
                        .anyMatch(r -> r.asJsonObject().getString("state").equals("Finished")));
        JsonArray list = array(VIEWER.get(API + "/recordings?stream=" + STREAM).body());
        assertThat(list).hasSize(1);
        JsonObject recording = list.getJsonObject(0);
        recordingId = recording.getString("id");
        assertThat(recording.getJsonNumber("durationMs").longValue()).isBetween(9_500L, 10_500L);
        assertThat(recording.getString("codecs")).isEqualTo("avc1,mp4a");
        assertThat(recording.getInt("width")).isEqualTo(640);
        assertThat(object(VIEWER.get(API + "/recordings/" + recordingId).body()).getString("id")).isEqualTo(recordingId);
        assertThat(array(VIEWER.get(API + "/recordings?stream=" + STREAM + "&from=2999-01-01T00:00:00Z").body())).isEmpty();
        assertThat(VIEWER.get(API + "/recordings?from=yesterday").statusCode()).isEqualTo(400);

        HttpResponse<byte[]> file = VIEWER.getBytes(API + "/recordings/" + recordingId + "/file");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(file.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(file.body().length);
        assertThat((long) file.body().length).isEqualTo(recording.getJsonNumber("bytes").longValue());
        downloaded = dir.resolve("recording.mp4");
        Files.write(downloaded, file.body());

        String streams = run(dir, "ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                downloaded.toString());
        assertThat(streams.lines().map(String::strip).toList()).containsExactlyInAnyOrder("h264", "aac");
        double seconds = Double.parseDouble(run(dir, "ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", downloaded.toString()).strip());
        assertThat(seconds).isBetween(9.5, 10.5);
        String errors = run(dir, "ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", downloaded.toString(),
                "-f", "null", "-");
        assertThat(errors).as("decoding the recording").isBlank();
    }

    @Test
    @Order(3)
    void aRangeRequestForTheMiddleGetsThoseBytes() throws IOException {
        byte[] whole = Files.readAllBytes(downloaded);
        int from = whole.length / 2;
        int to = from + 9_999;
        HttpResponse<byte[]> part = VIEWER.getBytes(API + "/recordings/" + recordingId + "/file",
                "Range", "bytes=" + from + "-" + to);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes " + from + "-" + to + "/" + whole.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, from, to + 1));

        HttpResponse<byte[]> past = VIEWER.getBytes(API + "/recordings/" + recordingId + "/file",
                "Range", "bytes=" + whole.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + whole.length);
    }

    @Test
    @Order(4)
    void theApplicationHearsOfTheRecordingAndAnAdministratorDeletesIt() {
        assertThat(RecordingEventObservers.STARTED).anyMatch(e -> e.recordingId().equals(recordingId));
        RecordingFinished finished = RecordingEventObservers.FINISHED.stream()
                .filter(e -> e.recordingId().equals(recordingId)).findFirst().orElseThrow();
        assertThat(finished.state()).isEqualTo("Finished");
        assertThat(finished.durationMs()).isBetween(9_500L, 10_500L);
        Path file = Path.of(finished.path());
        assertThat(file).exists();

        String metrics = VIEWER.get("/metrics").body();
        assertThat(metrics).contains("inlet_recording_active ", "inlet_recording_queued_bytes ",
                "inlet_recording_failures_total{reason=\"write_error\"}", "inlet_recording_retention_deletions_total ");

        assertThat(VIEWER.delete(API + "/recordings/" + recordingId).statusCode()).isEqualTo(403);
        assertThat(ADMIN.delete(API + "/recordings/" + recordingId).statusCode()).isEqualTo(204);
        assertThat(VIEWER.get(API + "/recordings/" + recordingId).statusCode()).isEqualTo(404);
        assertThat(ADMIN.delete(API + "/recordings/" + recordingId).statusCode()).isEqualTo(404);
        assertThat(file).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> RecordingEventObservers.DELETED_ASYNC.stream()
                .anyMatch(e -> e.recordingId().equals(recordingId) && e.reason().contains("administrator")));
        await().atMost(Duration.ofSeconds(10)).until(() -> EVENT_LINES.contains("event: recording-deleted"));
        assertThat(EVENT_LINES).as("server-sent events").contains("event: recording-started", "event: recording-finished",
                "event: recording-deleted").anyMatch(line -> line.startsWith("data:") && line.contains(recordingId));
        eventStream.cancel(true);
        assertThat(ADMIN.delete(API + "/streams/" + STREAM).statusCode()).isEqualTo(204);
        deployer.undeploy(DEPLOYMENT);
    }

    private static String run(Path dir, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("timeout", "-k", "5", "60"));
        full.addAll(List.of(command));
        Path out = Files.createTempFile(dir, "tool-", ".log");
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(70, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
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
