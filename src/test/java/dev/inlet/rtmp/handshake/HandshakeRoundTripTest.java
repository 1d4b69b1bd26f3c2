package dev.inlet.rtmp.handshake;

import static dev.inlet.rtmp.handshake.ReferenceDigest.c1;
import static dev.inlet.rtmp.handshake.ReferenceDigest.s1;
import static dev.inlet.rtmp.handshake.ReferenceDigest.s2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeRoundTripTest {

    @Test
    void simpleHandshakeEchoesC1AndAcceptsTheEchoOfS1() {
        HandshakeClient client = new HandshakeClient(new Random(1), false, 0);
        HandshakeServer server = new HandshakeServer(new Random(2));

        byte[] c0c1 = client.c0c1();
        byte[] s0s1s2 = server.respondToC0C1(c0c1);

        assertThat(c0c1).hasSize(HandshakeServer.C0C1_LENGTH);
        assertThat(c0c1[0]).isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(c0c1, 5, 9)).containsOnly(0);
        assertThat(s0s1s2).hasSize(HandshakeServer.S0S1S2_LENGTH);
        assertThat(s0s1s2[0]).isEqualTo((byte) 3);
        assertThat(server.kind()).isEqualTo(HandshakeKind.SIMPLE);
        assertThat(s2(s0s1s2)).isEqualTo(c1(c0c1));
        assertThat(Arrays.copyOfRange(s1(s0s1s2), 4, 8)).as("S1 version bytes").containsOnly(0);

        byte[] c2 = client.respondToS0S1S2(s0s1s2);
        assertThat(c2).hasSize(HandshakeServer.C2_LENGTH).isEqualTo(s1(s0s1s2));
        assertThat(client.serverDigestVerified()).isFalse();

        assertThat(server.c2Matched()).as("before C2").isFalse();
        server.acceptC2(c2);
        assertThat(server.c2Matched()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void digestHandshakeUsesTheClientsSchemeAndBothSidesVerify(int scheme) {
        HandshakeClient client = new HandshakeClient(new Random(10 + scheme), true, scheme);
        HandshakeServer server = new HandshakeServer(new Random(20 + scheme));

        byte[] c0c1 = client.c0c1();
        assertThat(ReferenceDigest.hasDigest(c1(c0c1), scheme, ReferenceDigest.PLAYER_TEXT)).isTrue();

        byte[] s0s1s2 = server.respondToC0C1(c0c1);
        assertThat(server.kind()).isEqualTo(scheme == 0 ? HandshakeKind.DIGEST_SCHEME_0 : HandshakeKind.DIGEST_SCHEME_1);

        byte[] s1 = s1(s0s1s2);
        assertThat(Byte.toUnsignedInt(s1[4])).as("S1 claims a server version players will check").isGreaterThanOrEqualTo(3);
        assertThat(ReferenceDigest.hasDigest(s1, scheme, ReferenceDigest.SERVER_TEXT)).as("S1 digest, same scheme").isTrue();
        byte[] clientDigest = ReferenceDigest.digestAt(c1(c0c1), scheme);
        assertThat(ReferenceDigest.signedWith(s2(s0s1s2), ReferenceDigest.serverFullKey(), clientDigest)).as("S2 signature").isTrue();

        byte[] c2 = client.respondToS0S1S2(s0s1s2);
        assertThat(client.serverDigestVerified()).isTrue();
        byte[] serverDigest = ReferenceDigest.digestAt(s1, scheme);
        assertThat(ReferenceDigest.signedWith(c2, ReferenceDigest.playerFullKey(), serverDigest)).as("C2 signature").isTrue();

        server.acceptC2(c2);
        assertThat(server.c2Matched()).isTrue();
    }

    @Test
    void digestServerAlsoAcceptsAC2ThatEchoesS1AsFfmpegPublishersSend() {
        HandshakeServer server = new HandshakeServer(new Random(3));
        byte[] s0s1s2 = server.respondToC0C1(new HandshakeClient(new Random(4), true, 0).c0c1());

        server.acceptC2(s1(s0s1s2));

        assertThat(server.kind()).isEqualTo(HandshakeKind.DIGEST_SCHEME_0);
        assertThat(server.c2Matched()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWrongC2IsOnlyRecordedNeverFatal(boolean digest) {
        HandshakeServer server = new HandshakeServer(new Random(5));
        byte[] s0s1s2 = server.respondToC0C1(new HandshakeClient(new Random(6), digest, 1).c0c1());
        byte[] c2 = s1(s0s1s2);
        c2[100] ^= 1;

        server.acceptC2(c2);

        assertThat(server.c2Matched()).isFalse();
    }

    @Test
    void c2MayCarryItsOwnReadTimeInBytesFourToSeven() {
        HandshakeServer server = new HandshakeServer(new Random(7));
        byte[] s0s1s2 = server.respondToC0C1(new HandshakeClient(new Random(8), false, 0).c0c1());
        byte[] c2 = s1(s0s1s2);
        c2[4] = 0x12;
        c2[7] = 0x34;

        server.acceptC2(c2);

        assertThat(server.c2Matched()).isTrue();
    }
}
