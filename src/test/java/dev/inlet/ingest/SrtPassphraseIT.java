package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.srt.SrtServer;
import dev.inlet.ingest.srt.SrtSettings;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.WorkDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server-wide SRT passphrase with a real encoder: ffmpeg with the wrong passphrase is rejected in the handshake
 * ("Incorrect passphrase") and fails fast, the input it was admitted for is given back, and ffmpeg with the right
 * passphrase publishes.
 */
class SrtPassphraseIT {

    private static final String PASSPHRASE = "correct-horse-battery";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;
    private SrtServer srt;
    private Path workDir;

    @BeforeEach
    void start(TestInfo test) {
        workDir = Path.of(System.getProperty("basedir", "."), "target", "interop-logs", getClass().getSimpleName(),
                test.getTestMethod().orElseThrow().getName());
        WorkDirectories.deleteRecursively(workDir);
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        srt = new SrtServer(new SrtSettings(true, "127.0.0.1", 0, 120, Optional.of(PASSPHRASE)), server.core(),
                Executors.defaultThreadFactory());
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    @AfterEach
    void stop() {
        srt.stop();
        server.stop();
    }

    @Test
    void aWrongPassphraseFailsFastAndTheRightOnePublishes() {
        long started = System.nanoTime();
        try (ExternalProcess wrong = publisher("wrong-passphrase", "not-the-passphrase")) {
            assertThat(wrong.awaitExit()).as(wrong.describe()).isNotZero();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the caller fails fast")
                .isLessThan(Duration.ofSeconds(10));
        // The core admits a caller in libsrt's listen callback, before libsrt checks the passphrase, so the refused
        // caller's admission holds the input until the connect deadline abandons it (SrtPublisher.CONNECT_DEADLINE);
        // a publisher with the right passphrase is refused as busy until then, and publishes after.
        long deadline = System.nanoTime() + SrtPublisherDeadline.PLUS_MARGIN.toNanos();
        int attempts = 0;
        int exit;
        do {
            try (ExternalProcess right = publisher("right-passphrase-" + ++attempts, PASSPHRASE)) {
                exit = right.awaitExit();
            }
        } while (exit != 0 && System.nanoTime() < deadline && pause());
        assertThat(exit).as("a publisher with the right passphrase published, after %d attempt(s)", attempts).isZero();
    }

    private static boolean pause() {
        try {
            Thread.sleep(1000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The connect deadline of an admitted SRT publisher, with room for the timer and the lease release. */
    private static final class SrtPublisherDeadline {
        static final Duration PLUS_MARGIN = Duration.ofSeconds(15);
    }

    private ExternalProcess publisher(String name, String passphrase) {
        return ExternalProcess.start(name, workDir, CLIENT_TIMEOUT, List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-t", "3",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                "-f", "mpegts", "srt://127.0.0.1:" + srt.port() + "?streamid=publish:" + key + "&latency=120000"
                        + "&passphrase=" + passphrase));
    }
}
