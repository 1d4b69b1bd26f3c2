package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;
import dev.inlet.ingest.srt.SrtServer;
import dev.inlet.ingest.srt.SrtSettings;
import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.srt.SrtCaller;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SRT callers count against RTMP's connection limits, as RtmpServerBean wires them. */
class SrtConnectionLimitLoopbackTest {

    private static final Path LOGS = Path.of("target", "srt-tests");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;
    private SrtServer srt;

    @BeforeEach
    void start() {
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0).withConnections(100, 1),
                registry, Executors.defaultThreadFactory());
        server.start();
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0), server.core(),
                Executors.defaultThreadFactory(), server.connectionAdmission(), server::countClose);
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
    }

    @AfterEach
    void stop() {
        srt.stop();
        server.stop();
    }

    @Test
    void anOpenRtmpConnectionUsesTheAddresssOnlySlotUntilItCloses() throws Exception {
        try (Socket rtmp = new Socket("127.0.0.1", server.boundPort())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionAdmission().open() == 1);

            assertThat(SrtCaller.rejectionOf(srt.port(), "publish:" + key))
                    .isEqualTo(SrtRejectReason.OVERLOAD.code());
            assertThat(server.closeReasons()).containsEntry(ConnectionAdmission.TOO_MANY_FROM_IP, 1L);
            assertThat(server.publishers()).as("the core never saw the caller").isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionAdmission().open() == 0);

        assertThat(SrtCaller.rejectionOf(srt.port(), "publish:" + key)).as("connected").isEqualTo(-1);
        // The caller closed at once: its slot comes back when the listener sees the close.
        await().atMost(Duration.ofSeconds(15)).until(() -> server.connectionAdmission().open() == 0);
        assertThat(SrtCaller.rejectionOf(srt.port(), "publish:" + key)).as("connected again").isEqualTo(-1);
    }

    @Test
    void aRejectedSrtHandshakeLeavesNoSlotTaken() throws Exception {
        assertThat(SrtCaller.rejectionOf(srt.port(), "publish:wrong-key")).isEqualTo(1404);
        assertThat(server.connectionAdmission().open()).isZero();

        try (Socket rtmp = new Socket("127.0.0.1", server.boundPort())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionAdmission().open() == 1);
            assertThat(server.closeReasons()).doesNotContainKey(ConnectionAdmission.TOO_MANY_FROM_IP);
        }
    }

    @Test
    void anSrtConnectionKeepsAnRtmpOneFromItsAddressOutUntilItIsKicked() throws Exception {
        try (ExternalProcess ffmpeg = ExternalProcess.start("srt-limit-ffmpeg", LOGS, Duration.ofSeconds(40), List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-t", "30", "-c:v", "libx264",
                "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-f", "mpegts",
                "srt://127.0.0.1:" + srt.port() + "?streamid=publish:" + key + "&latency=120000"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> srt.openConnections() == 1
                    && server.publishers().size() == 1);
            assertThat(server.connectionAdmission().open()).isEqualTo(1);

            try (Socket rtmp = new Socket("127.0.0.1", server.boundPort())) {
                rtmp.setSoTimeout(5_000);
                assertThat(closedByInlet(rtmp)).isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        server.closeReasons().getOrDefault(ConnectionAdmission.TOO_MANY_FROM_IP, 0L) == 1L);
            }

            assertThat(server.kick(server.publishers().get(0).id(), "kicked by test")).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionAdmission().open() == 0);
        }
    }

    /** Whether Inlet ended the connection: an orderly end of stream or a reset (a refusal aborts it). */
    private static boolean closedByInlet(Socket socket) throws java.io.IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
