package dev.inlet.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.ingest.RtmpsSettings;
import dev.inlet.core.StreamKeys;
import dev.inlet.testing.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ffmpeg publishes and plays over {@code rtmps://}: a self-signed PKCS12 keystore made with the JDK's keytool
 * at test time, the RTMPS listener on an ephemeral port. ffmpeg's TLS does not verify the certificate unless
 * asked ({@code -tls_verify 0} is its default); it is passed anyway to make that explicit.
 */
class RtmpsPublishPlayIT extends InteropTestBase {

    private static final String PASSWORD = "changeit-test";
    private RtmpServer tlsServer;

    @AfterEach
    void stopTlsServer() {
        if (tlsServer != null) {
            tlsServer.stop();
        }
    }

    @Test
    void ffmpegPublishesAndPlaysOverRtmps() {
        Path keystore = file("rtmps.p12");
        ExternalProcess keytool = ExternalProcess.run("keytool", workDir, Duration.ofSeconds(60), List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "inlet", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        assertThat(keytool.exitCode()).as(keytool.describe()).isZero();

        String key = StreamKeys.generate();
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.register(RtmpEndpoint.STREAM_CODE, key);
        tlsServer = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withRtmps(Optional.of(new RtmpsSettings(0, keystore, PASSWORD, "PKCS12"))),
                registry, Executors.defaultThreadFactory());
        tlsServer.start();
        assertThat(tlsServer.boundRtmpsPort()).isPositive();
        String base = "rtmps://127.0.0.1:" + tlsServer.boundRtmpsPort() + "/live/";

        ExternalProcess publisher = start("ffmpeg-publish-rtmps",
                withTlsUnverified(RtmpClients.ffmpegPublish(base + key, 10, "640x360")));
        Path recording = file("ffmpeg-play-rtmps.flv");
        ExternalProcess player = startPlayerWhenLive("ffmpeg-play-rtmps",
                withTlsUnverified(RtmpClients.ffmpegPlay(base + RtmpEndpoint.STREAM_CODE, recording)));

        assertSucceeds(publisher);
        assertSucceeds(player);
        assertHasVideoAndAudio(recording, 6.0, publisher, player);
        assertThat(tlsServer.closeReasons()).doesNotContainKeys("handshake_failed", "malformed", "internal_error");
    }

    /** Puts {@code -tls_verify 0} before the rtmps URL (ffmpeg's default; stated so the test does not rely on it). */
    private static List<String> withTlsUnverified(List<String> command) {
        List<String> words = new java.util.ArrayList<>(command);
        int url = words.size() - 1;
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).startsWith("rtmps://")) {
                url = i;
                break;
            }
        }
        int at = words.get(url - 1).equals("-i") ? url - 1 : url;
        words.addAll(at, List.of("-tls_verify", "0"));
        return List.copyOf(words);
    }
}
