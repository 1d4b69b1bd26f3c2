package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.core.StreamSlot;
import dev.inlet.core.TransportStats;
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
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SRT passphrases with a real encoder: ffmpeg with the wrong passphrase is rejected in the handshake ("Incorrect
 * passphrase") and fails fast, the input it was admitted for is given back at once, and ffmpeg with the right
 * passphrase publishes; a stream's own passphrase and key length replace the server-wide ones for its callers.
 */
class SrtPassphraseIT {

    private static final String PASSPHRASE = "correct-horse-battery";
    private static final String STREAM_PASSPHRASE = "the-streams-own-secret";
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
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0).withPassphrase(PASSPHRASE), server.core(),
                Executors.defaultThreadFactory());
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    @AfterEach
    void stop() {
        srt.stop();
        server.stop();
    }

    @Test
    void aWrongPassphraseFailsFastAndGivesTheInputBackAtOnce() {
        long started = System.nanoTime();
        try (ExternalProcess wrong = publisher("wrong-passphrase", "not-the-passphrase")) {
            assertThat(wrong.awaitExit()).as(wrong.describe()).isNotZero();
            assertThat(wrong.stderr()).as("the reject reason libsrt reports to the caller")
                    .contains("Incorrect passphrase");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the caller fails fast")
                .isLessThan(Duration.ofSeconds(10));
        // libsrt checks the passphrase after the listen callback admitted the caller; the listener notices the failed
        // handshake within a poll and the admission gives the input back, long before any deadline.
        StreamSlot slot = registry.lookup(key).orElseThrow();
        await().atMost(Duration.ofSeconds(2)).until(() -> !registry.isActive(slot));
        assertThat(server.core().publishers()).isEmpty();

        try (ExternalProcess right = publisher("right-passphrase", PASSPHRASE)) {
            assertThat(right.awaitExit()).as("the right passphrase publishes at once: %s", right.describe()).isZero();
        }
    }

    @Test
    void aStreamsOwnPassphraseReplacesTheServersForItsCallers() throws Exception {
        registry.updateSrtPassphrase("demo", STREAM_PASSPHRASE);

        try (ExternalProcess serverWide = publisher("server-passphrase", PASSPHRASE)) {
            assertThat(serverWide.awaitExit()).as("the server-wide passphrase no longer opens the stream: %s",
                    serverWide.describe()).isNotZero();
        }
        StreamSlot slot = registry.lookup(key).orElseThrow();
        await().atMost(Duration.ofSeconds(2)).until(() -> !registry.isActive(slot));
        try (ExternalProcess own = publisher("stream-passphrase", STREAM_PASSPHRASE)) {
            assertThat(own.awaitExit()).as(own.describe()).isZero();
        }

        registry.updateSrtPassphrase("demo", "");
        try (ExternalProcess serverWide = publisher("server-passphrase-again", PASSPHRASE)) {
            assertThat(serverWide.awaitExit()).as("with the stream's passphrase removed the server's applies: %s",
                    serverWide.describe()).isZero();
        }
    }

    @Test
    void theServersKeyLengthHoldsForACallerThatStatesNone() throws Exception {
        srt.stop();
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0).withPassphrase(PASSPHRASE)
                .withKeyLength(32), server.core(), Executors.defaultThreadFactory());
        assertThat(srt.start()).isTrue();

        try (ExternalProcess publisher = publisher("aes-256", PASSPHRASE, 8)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.core().publishers().stream()
                    .anyMatch(p -> p.transportStats().isPresent()));
            TransportStats link = server.core().publishers().get(0).transportStats().orElseThrow();
            assertThat(link.encryptionKeyBits()).as("AES-256, as inlet.srt.key-length says").isEqualTo(256);
            assertThat(publisher.awaitExit()).as(publisher.describe()).isZero();
        }
    }

    private ExternalProcess publisher(String name, String passphrase) {
        return publisher(name, passphrase, 3);
    }

    private ExternalProcess publisher(String name, String passphrase, int seconds) {
        return ExternalProcess.start(name, workDir, CLIENT_TIMEOUT, List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                "-f", "mpegts", "srt://127.0.0.1:" + srt.port() + "?streamid=publish:" + key + "&latency=120000"
                        + "&passphrase=" + passphrase));
    }
}
