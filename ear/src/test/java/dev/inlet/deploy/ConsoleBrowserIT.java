package dev.inlet.deploy;

import dev.inlet.browser.Playwright;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's console ({@code /console/}) in Debian's headless Chromium, driven by Playwright
 * ({@code browser/console.mjs}), against the launcher started as {@code run.sh} starts it: sign-in (a wrong password
 * shows the problem document), the demo stream going live and idle through the server-sent events, a stream created,
 * a key issued and copied from the page, an ffmpeg encoder publishing with it while the preview plays, a player
 * kicked, the key rotated (the encoder is disconnected), every main view at 1280 and 390 pixels wide with nothing
 * outside the viewport, and a viewer who finds no admin action and whose admin requests are refused. Screenshots of
 * every view go to {@code target/console-screenshots}.
 */
class ConsoleBrowserIT {

    private static final String DEMO_KEY = "console-it-Key-7hQ3xWa9";
    private static final String ADMIN_PASSWORD = "console-it-Admin-pw-5";
    private static final String VIEWER = "viewer";
    private static final String VIEWER_PASSWORD = "console-it-Viewer-pw-6";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();

    private final DeployTestEnvironment environment = DeployTestEnvironment.fromSystemProperties();
    private final Path work = environment.workDirectory().resolve("console");
    private final List<LoggedProcess> processes = new ArrayList<>();

    @AfterEach
    void stopInlet() {
        processes.stream().filter(LoggedProcess::isAlive).forEach(LoggedProcess::kill);
    }

    @Test
    @Timeout(600)
    void anOperatorRunsInletFromTheConsole() throws Exception {
        Path dataDir = work.resolve("data-" + System.currentTimeMillis()); // a fresh database: the walk creates its stream
        addViewer(dataDir);
        int rtmpPort = freePort();
        int httpPort = freePort();
        processes.add(EmbeddedLauncher.start(environment, Map.of(
                "INLET_DATA_DIR", dataDir.toString(),
                "INLET_RTMP_PORT", Integer.toString(rtmpPort),
                "INLET_SRT_PORT", Integer.toString(freeUdpPort()),
                "INLET_HTTP_PORT", Integer.toString(httpPort),
                "INLET_HTTP_HOST", "127.0.0.1",
                "INLET_DEMO_KEY", DEMO_KEY,
                "INLET_ADMIN_PASSWORD", ADMIN_PASSWORD), work.resolve("inlet.log")));

        Map<String, String> seen = walk(httpPort, rtmpPort);

        assertThat(seen).as("what the walk saw").doesNotContainKey("failed").containsEntry("exit", "0");
        assertThat(seen.get("wrongPassword.notice")).as("a wrong password shows the problem document")
                .contains("wrong user name or password");
        assertThat(seen).containsEntry("role", "admin");
        assertThat(Long.parseLong(seen.get("load.ms"))).as("ms to load the console on loopback, cache disabled (the "
                + "very first request after boot took %s ms)", seen.get("load.cold.ms")).isLessThan(1000);
        assertThat(Long.parseLong(seen.get("assets.firstView.bytes"))).as("bytes of the first view's assets")
                .isPositive().isLessThan(300_000);
        assertThat(Long.parseLong(seen.get("demo.live.ms"))).as("ms from starting ffmpeg to the demo shown live, "
                + "through the server-sent events, without a reload").isLessThanOrEqualTo(2000);
        assertThat(seen).containsEntry("demo.state", "Active");
        assertThat(Long.parseLong(seen.get("demo.idle.ms"))).as("ms from the encoder's end to the demo shown idle")
                .isLessThanOrEqualTo(2000);
        assertThat(seen).containsEntry("created", "console-e2e Idle")
                .containsEntry("key.copiedMatchesShown", "true")
                .containsEntry("key.inPageAfterClose", "false");
        assertThat(Double.parseDouble(seen.get("preview.advanced.s"))).as("seconds the preview's currentTime "
                + "advanced in 5 s (it advances: a live player keeps some slack behind the edge)").isGreaterThanOrEqualTo(2.0);
        assertThat(seen).containsEntry("preview.muted", "true").containsEntry("chart.drawn", "true");
        assertThat(Long.parseLong(seen.get("kick.playerExited.ms"))).as("the kicked ffmpeg player ends").isNotNegative();
        assertThat(seen).containsEntry("kick.rowGone", "true").containsEntry("rotate.newKeyDiffers", "true");
        assertThat(Long.parseLong(seen.get("rotate.encoderExited.ms"))).as("the encoder of the rotated key is "
                + "disconnected").isNotNegative();
        assertThat(seen).containsEntry("rotate.streamNotLive", "true")
                .containsEntry("switch.backupActive", "true")
                .containsEntry("switch.backToPrimary", "true")
                .containsEntry("renamed", "true")
                .containsEntry("private.previewPlays", "true")
                .containsEntry("token.shown", "true")
                .containsEntry("private.undone", "true")
                .containsEntry("recording.deleted", "true")
                .containsEntry("relay.keyShownAsPrefixOnly", "true")
                .containsEntry("relay.removed", "true")
                .containsEntry("enabledAgain", "true")
                .containsEntry("deleted.gone", "true")
                .containsEntry("unblocked", "true");
        assertThat(Long.parseLong(seen.get("disable.encoderExited.ms"))).as("disabling the stream disconnects its "
                + "encoder").isNotNegative();
        assertThat(probe(Path.of(seen.get("recording.file")))).as("the recording downloaded from the page")
                .contains("h264", "aac");
        seen.entrySet().stream().filter(e -> e.getKey().startsWith("layout.") && !e.getKey().equals("layout.problems"))
                .forEach(e -> assertThat(e.getValue()).as("%s: elements outside the viewport", e.getKey()).isEqualTo("ok"));
        seen.entrySet().stream().filter(e -> e.getKey().startsWith("a11y."))
                .forEach(e -> assertThat(e.getValue()).as("%s: unlabelled fields, nameless controls, text below AA "
                        + "contrast", e.getKey()).isEqualTo("ok"));
        assertThat(seen.keySet().stream().filter(key -> key.startsWith("a11y."))).as("views checked for accessibility")
                .hasSize(6);
        assertThat(seen).containsEntry("layout.problems", "0")
                .containsEntry("viewer.role", "viewer")
                .containsEntry("viewer.adminControls", "none")
                .containsEntry("pageErrors", "none");
        assertThat(seen.get("viewer.refused")).as("a viewer's create and delete, sent by hand")
                .isEqualTo("403 403 Not allowed for your role");
        try (Stream<Path> shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.filter(p -> p.toString().endsWith(".png")).count())
                    .as("screenshots of the main views at both widths").isGreaterThanOrEqualTo(10);
        }
    }

    private List<String> probe(Path file) throws Exception {
        Path log = work.resolve("ffprobe.json");
        Process probe = new ProcessBuilder("timeout", "-k", "5", "30", environment.ffprobe(), "-v", "error",
                "-show_streams", "-of", "json", file.toString()).redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(probe.waitFor(40, TimeUnit.SECONDS) && probe.exitValue() == 0).as("ffprobe reads %s", file).isTrue();
        return StreamProbe.codecNames(Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Runs console.mjs; its key=value lines and exit code. */
    private Map<String, String> walk(int httpPort, int rtmpPort) throws Exception {
        Path scripts = Playwright.scripts();
        Files.createDirectories(SCREENSHOTS);
        Path out = work.resolve("console.out");
        Path err = work.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder("timeout", "-k", "5", "300", "node",
                scripts.resolve("console.mjs").toString()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(Map.of(
                "ORIGIN", "http://127.0.0.1:" + httpPort,
                "RTMP", "rtmp://127.0.0.1:" + rtmpPort,
                "ADMIN_PASSWORD", ADMIN_PASSWORD,
                "VIEWER_USER", VIEWER,
                "VIEWER_PASSWORD", VIEWER_PASSWORD,
                "DEMO_KEY", DEMO_KEY,
                "FFMPEG", environment.ffmpeg(),
                "OUT", SCREENSHOTS.toString()));
        Process walk = builder.start();
        if (!walk.waitFor(320, TimeUnit.SECONDS)) {
            walk.destroyForcibly();
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out)) {
            String[] pair = line.split("=", 2);
            if (pair.length == 2) {
                seen.put(pair[0], pair[1]);
            }
        }
        seen.put("exit", walk.isAlive() ? "killed" : String.valueOf(walk.exitValue()));
        System.out.printf("Console walk: %s%n", seen);
        if (seen.containsKey("failed") || !"0".equals(seen.get("exit"))) {
            System.out.printf("Browser log (%s):%n%s%n", err, LogTail.of(err, 60));
        }
        return seen;
    }

    /** A read-only user in the built-in store's file, which the launcher keeps (it only adds its admin). */
    private static void addViewer(Path dataDir) throws IOException {
        Path security = dataDir.resolve("security");
        Files.createDirectories(security, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(security.resolve("api-users"), VIEWER + ":inlet-viewer:" + pbkdf2(VIEWER_PASSWORD) + "\n",
                StandardCharsets.UTF_8);
    }

    /** The credentials file's encoding: pbkdf2-sha256$iterations$salt$hash, Base64 without padding. */
    private static String pbkdf2(String password) {
        int iterations = 600_000;
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return "pbkdf2-sha256$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
