package dev.inlet.rtmp.handshake;

import static dev.inlet.rtmp.handshake.ReferenceDigest.c1;
import static dev.inlet.rtmp.handshake.ReferenceDigest.s1;
import static dev.inlet.rtmp.handshake.ReferenceDigest.s2;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Handshake bytes recorded from real clients; see captures/handshake/README.md. */
class RealClientCaptureTest {

    @ParameterizedTest
    @ValueSource(strings = {"ffmpeg-c0c1.bin", "ffmpeg-play-c0c1.bin"})
    void ffmpegSendsAScheme0DigestAndGetsAValidDigestAnswer(String capture) {
        byte[] c0c1 = resource(capture);
        byte[] c1 = c1(c0c1);
        assertThat(ReferenceDigest.hasDigest(c1, 0, ReferenceDigest.PLAYER_TEXT)).as("ffmpeg's own C1 digest").isTrue();

        HandshakeServer server = new HandshakeServer(new Random(1));
        byte[] s0s1s2 = server.respondToC0C1(c0c1);

        assertThat(server.kind()).isEqualTo(HandshakeKind.DIGEST_SCHEME_0);
        assertThat(s0s1s2[0]).isEqualTo((byte) 3);
        assertThat(ReferenceDigest.hasDigest(s1(s0s1s2), 0, ReferenceDigest.SERVER_TEXT)).isTrue();
        assertThat(ReferenceDigest.signedWith(s2(s0s1s2), ReferenceDigest.serverFullKey(), ReferenceDigest.digestAt(c1, 0))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmpdump-c0c1.bin", "gstreamer-rtmp2sink-c0c1.bin"})
    void librtmpStyleClientsSendASimpleC1AndGetItEchoed(String capture) {
        byte[] c0c1 = resource(capture);

        HandshakeServer server = new HandshakeServer(new Random(1));
        byte[] s0s1s2 = server.respondToC0C1(c0c1);

        assertThat(Arrays.copyOfRange(c0c1, 5, 9)).as("client version bytes").containsOnly(0);
        assertThat(server.kind()).isEqualTo(HandshakeKind.SIMPLE);
        assertThat(s2(s0s1s2)).isEqualTo(c1(c0c1));
    }

    /** The C2s answer the S1 that a server seeded as recorded produced; they prove our C2 check agrees with real clients. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ffmpeg, 1001, DIGEST_SCHEME_0",
        "ffmpeg-play, 1002, DIGEST_SCHEME_0",
        "rtmpdump, 1003, SIMPLE",
    })
    void recordedC2sMatchTheSeededServersS1(String client, long seed, HandshakeKind kind) {
        HandshakeServer server = new HandshakeServer(new Random(seed));
        server.respondToC0C1(resource(client + "-c0c1.bin"));

        server.acceptC2(resource(client + "-c2.bin"));

        assertThat(server.kind()).isEqualTo(kind);
        assertThat(server.c2Matched())
            .as("if HandshakeServer changed how it draws random bytes, re-capture the C2 files (see README)")
            .isTrue();
    }

    @Test
    void ffmpegPlayerSendsADigestSignedC2RatherThanAnEcho() {
        HandshakeServer server = new HandshakeServer(new Random(1002));
        byte[] s0s1s2 = server.respondToC0C1(resource("ffmpeg-play-c0c1.bin"));
        byte[] c2 = resource("ffmpeg-play-c2.bin");

        assertThat(c2).isNotEqualTo(s1(s0s1s2));
        assertThat(ReferenceDigest.signedWith(c2, ReferenceDigest.playerFullKey(), ReferenceDigest.digestAt(s1(s0s1s2), 0))).isTrue();
    }

    private static byte[] resource(String name) {
        String path = "/captures/handshake/" + name;
        try (InputStream in = RealClientCaptureTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
