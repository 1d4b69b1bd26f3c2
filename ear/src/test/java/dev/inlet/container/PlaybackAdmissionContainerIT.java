package dev.inlet.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.inlet.api.security.CredentialsFile;
import dev.inlet.api.security.PasswordHash;
import dev.inlet.api.security.StoredUser;
import dev.inlet.container.observers.PlaybackRules;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every reader goes through the stream core's one admission path, tested with real players against the EAR on
 * embedded Payara: with {@code inlet.play.max-players-per-stream=2} two ffmpeg HTTP-FLV players are admitted and an
 * ffmpeg RTMP player is refused; all of them are listed in {@code /api/v1/sessions} with their protocol and kicked
 * through the API; a private stream refuses ffmpeg without a play token and plays with one, over RTMP and
 * HTTP-FLV; an application's {@code PlayAuthorization} observer vetoes a play with a reason the client receives.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaybackAdmissionContainerIT {

    private static final String DEPLOYMENT = "inlet-playback-admission";
    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final int HTTP_PORT = Integer.getInteger(EmbeddedPayaraExtension.HTTP_PORT_PROPERTY);
    private static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
    private static final String API = "/api/v1";
    private static final String PUBLISH_KEY = System.getProperty("inlet.demo.key");
    private static final String FLV_URL = BASE + "/live/demo.flv";
    private static final String RTMP_URL = "rtmp://127.0.0.1:" + RTMP_PORT + "/live/demo";
    private static final String ADMIN_PASSWORD = "it-Admin-pw-3";
    private static final ApiClient ADMIN = ApiClient.as(BASE, "admin", ADMIN_PASSWORD);

    private static Path dir;
    private static Process publisher;
    private static final List<Process> players = new ArrayList<>();

    @ArquillianResource
    private Deployer deployer;

    /** The shipped EAR, plus the application's play rule and a player limit of 2 per stream. */
    @Deployment(name = DEPLOYMENT, managed = false)
    static EnterpriseArchive inletEarWithPlaybackRules() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "inlet-web.war");
        web.addClass(PlaybackRules.class);
        ear.delete("inlet-web.war");
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "it-player-limit.jar")
                .addAsManifestResource(new StringAsset("inlet.play.max-players-per-stream=2\n"),
                        "microprofile-config.properties");
        return ear.addAsModule(web).addAsLibrary(config);
    }

    @AfterAll
    static void stopProcesses() throws InterruptedException {
        for (Process player : players) {
            stop(player);
        }
        if (publisher != null) {
            stop(publisher);
        }
    }

    @Test
    @Order(1)
    void deploysWithAnAdminAndAPublisherGoesLive() throws Exception {
        CredentialsFile.write(Path.of(System.getProperty("inlet.security.credentials-file")), List.of(
                new StoredUser("admin", Set.of("inlet-admin"), PasswordHash.hash(ADMIN_PASSWORD.toCharArray()))));
        deployer.deploy(DEPLOYMENT);
        dir = Files.createTempDirectory(Path.of("target"), "playback-admission-");
        publisher = start(dir.resolve("publish.log"), "timeout", "-k", "5", "150",
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-re", "-f", "lavfi", "-i", "sine", "-t", "140",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                "-rw_timeout", "5000000", "-f", "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/live/" + PUBLISH_KEY);
        await("the demo stream live", () -> object(ADMIN.get(API + "/streams/demo").body()).getBoolean("live", false),
                Duration.ofSeconds(20));
    }

    @Test
    @Order(2)
    void twoHttpFlvPlayersAreAdmittedAndTheThirdPlayerOfAnyProtocolIsRefused() throws Exception {
        players.add(ffmpegPlayer("flv-1", FLV_URL));
        players.add(ffmpegPlayer("flv-2", FLV_URL));
        await("two HTTP-FLV players listed", () -> protocols().equals(List.of("http-flv", "http-flv")),
                Duration.ofSeconds(20));

        Result refused = ffmpegOnce("rtmp-3", RTMP_URL);

        assertThat(refused.exit()).as(refused.log()).isNotZero();
        assertThat(refused.log()).contains("maximum of 2 players");
        HttpResponse<String> overLimit = httpGet(FLV_URL, "curious-client");
        assertThat(overLimit.statusCode()).isEqualTo(503);
        assertThat(overLimit.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(object(overLimit.body()).getString("detail")).contains("maximum of 2 players");
        assertThat(protocols()).containsExactly("http-flv", "http-flv");
    }

    @Test
    @Order(3)
    void everyAdmittedPlayerIsListedAndKickedThroughTheApi() throws Exception {
        JsonObject firstFlv = sessions().get(0);
        assertThat(firstFlv.getString("streamCode")).isEqualTo("demo");
        assertThat(ADMIN.delete(API + "/sessions/" + firstFlv.getString("id")).statusCode()).isEqualTo(204);
        Process kicked = players.get(0);
        assertThat(kicked.waitFor(15, TimeUnit.SECONDS)).as("the kicked HTTP-FLV player's ffmpeg ends").isTrue();
        await("one HTTP-FLV player left", () -> protocols().equals(List.of("http-flv")), Duration.ofSeconds(10));

        players.add(ffmpegPlayer("rtmp-4", RTMP_URL));
        await("an RTMP player admitted beside it", () -> protocols().equals(List.of("http-flv", "rtmp")),
                Duration.ofSeconds(20));
        for (JsonObject player : sessions()) {
            assertThat(ADMIN.delete(API + "/sessions/" + player.getString("id")).statusCode()).isEqualTo(204);
        }
        await("every player kicked", () -> sessions().isEmpty(), Duration.ofSeconds(15));
        for (Process player : players) {
            assertThat(player.waitFor(15, TimeUnit.SECONDS)).as("a kicked player's ffmpeg ends").isTrue();
        }
    }

    @Test
    @Order(4)
    void aPrivateStreamRefusesPlayersWithoutATokenAndPlaysWithOne() throws Exception {
        HttpResponse<String> made = ADMIN.patch(API + "/streams/demo", "{\"privatePlayback\":true}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(object(made.body()).getBoolean("privatePlayback")).isTrue();

        Result rtmpWithout = ffmpegOnce("private-rtmp-none", RTMP_URL);
        assertThat(rtmpWithout.exit()).isNotZero();
        assertThat(rtmpWithout.log()).contains("private");
        HttpResponse<String> flvWithout = httpGet(FLV_URL, "player");
        assertThat(flvWithout.statusCode()).isEqualTo(403);
        assertThat(object(flvWithout.body()).getString("detail")).contains("play token is required");
        Result forged = ffmpegOnce("private-rtmp-forged", RTMP_URL + "?token=4102444800.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(forged.exit()).isNotZero();
        assertThat(forged.log()).contains("not valid");

        HttpResponse<String> issued = ADMIN.post(API + "/streams/demo/play-tokens", "{\"ttlSeconds\":600}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String query = object(issued.body()).getString("query");

        Path rtmpRecording = record("private-rtmp", RTMP_URL + "?" + query);
        Path flvRecording = record("private-flv", FLV_URL + "?" + query);
        assertThat(codecs(rtmpRecording)).contains("h264", "aac");
        assertThat(codecs(flvRecording)).contains("h264", "aac");
        assertThat(ADMIN.patch(API + "/streams/demo", "{\"privatePlayback\":false}").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void anApplicationsPlayAuthorizationObserverVetoesWithAReasonTheClientReceives() throws Exception {
        Result rtmp = ffmpegOnce("vetoed-rtmp", "rtmp://127.0.0.1:" + RTMP_PORT + "/" + PlaybackRules.BLOCKED_APP + "/demo");
        HttpResponse<String> flv = httpGet(FLV_URL, PlaybackRules.VETOED_AGENT);

        assertThat(rtmp.exit()).isNotZero();
        assertThat(rtmp.log()).contains(PlaybackRules.VETO);
        assertThat(flv.statusCode()).isEqualTo(403);
        assertThat(object(flv.body()).getString("detail")).isEqualTo(PlaybackRules.VETO);
        assertThat(PlaybackRules.ASKED).contains("rtmp blocked", "http-flv http-flv", "rtmp live");
        assertThat(sessions()).isEmpty();
        stop(publisher);
        deployer.undeploy(DEPLOYMENT);
    }

    private record Result(int exit, String log) {
    }

    /** An ffmpeg player that keeps playing (discarding what it gets) until it is kicked or stopped. */
    private static Process ffmpegPlayer(String name, String url) throws IOException {
        return start(dir.resolve(name + ".log"), "timeout", "-k", "5", "120", "ffmpeg", "-hide_banner", "-nostdin",
                "-loglevel", "info", "-rw_timeout", "5000000", "-i", url, "-c", "copy", "-f", "null", "-");
    }

    /** An ffmpeg player that gives up at once when refused, or records a second. */
    private static Result ffmpegOnce(String name, String url) throws Exception {
        Path log = dir.resolve(name + ".log");
        Process player = start(log, "timeout", "-k", "5", "30", "ffmpeg", "-hide_banner", "-nostdin",
                "-loglevel", "info", "-rw_timeout", "5000000", "-i", url, "-t", "1", "-c", "copy", "-f", "null", "-");
        if (!player.waitFor(40, TimeUnit.SECONDS)) {
            player.destroyForcibly();
            fail("ffmpeg %s did not finish", name);
        }
        return new Result(player.exitValue(), Files.readString(log));
    }

    /** Two seconds of the stream as ffmpeg records it from {@code url}. */
    private static Path record(String name, String url) throws Exception {
        Path recording = dir.resolve(name + ".flv");
        Path log = dir.resolve(name + ".log");
        Process player = start(log, "timeout", "-k", "5", "30", "ffmpeg", "-hide_banner", "-nostdin", "-loglevel",
                "warning", "-rw_timeout", "5000000", "-i", url, "-t", "2", "-c", "copy", "-y", recording.toString());
        assertThat(player.waitFor(40, TimeUnit.SECONDS)).isTrue();
        assertThat(player.exitValue()).as("ffmpeg %s: %s", name, Files.readString(log)).isZero();
        return recording;
    }

    private static List<String> codecs(Path recording) throws Exception {
        Process probe = new ProcessBuilder("timeout", "20", "ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name", "-of", "csv=p=0", recording.toString()).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes());
        probe.waitFor(25, TimeUnit.SECONDS);
        return out.lines().map(String::trim).toList();
    }

    private static HttpResponse<String> httpGet(String url, String userAgent) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonObject> sessions() {
        HttpResponse<String> list = ADMIN.get(API + "/sessions");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonArray players = object(list.body()).getJsonArray("players");
        return players.stream().map(JsonObject.class::cast).collect(Collectors.toList());
    }

    /** The protocols of the listed players, oldest first. */
    private static List<String> protocols() {
        return sessions().stream().map(p -> p.getString("protocol")).toList();
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static void await(String what, BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("%s: not within %s", what, within);
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
