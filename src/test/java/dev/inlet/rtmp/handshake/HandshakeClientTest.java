package dev.inlet.rtmp.handshake;

import static dev.inlet.rtmp.handshake.ReferenceDigest.s1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.rtmp.RtmpProtocolException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeClientTest {

    private static byte[] digestAnswer(HandshakeClient client, int seed) {
        return new HandshakeServer(new Random(seed)).respondToC0C1(client.c0c1());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aTamperedS1DigestIsReportedNotThrownAndC2FallsBackToTheEcho(int scheme) {
        HandshakeClient client = new HandshakeClient(new Random(1), true, scheme);
        byte[] s0s1s2 = digestAnswer(client, 2);
        int serverDigestOffset = ReferenceDigest.offset(s1(s0s1s2), scheme);
        s0s1s2[1 + serverDigestOffset] ^= 0x01;

        byte[] c2 = client.respondToS0S1S2(s0s1s2);

        assertThat(client.serverDigestVerified()).isFalse();
        assertThat(c2).isEqualTo(s1(s0s1s2));
    }

    @Test
    void aTamperedS2SignatureIsReported() {
        HandshakeClient client = new HandshakeClient(new Random(3), true, 0);
        byte[] s0s1s2 = digestAnswer(client, 4);
        s0s1s2[s0s1s2.length - 1] ^= 0x01;

        client.respondToS0S1S2(s0s1s2);

        assertThat(client.serverDigestVerified()).isFalse();
    }

    @Test
    void findsTheServerDigestUnderTheOtherSchemeToo() {
        // A server that always answers under scheme 1, whatever the client used.
        HandshakeClient schemeOneClient = new HandshakeClient(new Random(5), true, 1);
        byte[] s0s1s2 = digestAnswer(schemeOneClient, 6);
        HandshakeClient schemeZeroClient = new HandshakeClient(new Random(5), true, 0);
        schemeZeroClient.c0c1();

        byte[] c2 = schemeZeroClient.respondToS0S1S2(s0s1s2);

        byte[] serverDigest = ReferenceDigest.digestAt(s1(s0s1s2), 1);
        assertThat(ReferenceDigest.signedWith(c2, ReferenceDigest.playerFullKey(), serverDigest)).isTrue();
        // S2 was signed over the scheme-1 client's digest, not ours.
        assertThat(schemeZeroClient.serverDigestVerified()).isFalse();
    }

    @Test
    void aDigestClientTalkingToASimpleServerEchoesS1() {
        HandshakeClient client = new HandshakeClient(new Random(7), true, 0);
        client.c0c1();
        byte[] s0s1s2 = new byte[HandshakeServer.S0S1S2_LENGTH];
        new Random(8).nextBytes(s0s1s2);
        s0s1s2[0] = 3;
        s0s1s2[5] = s0s1s2[6] = s0s1s2[7] = s0s1s2[8] = 0;

        assertThat(client.respondToS0S1S2(s0s1s2)).isEqualTo(s1(s0s1s2));
        assertThat(client.serverDigestVerified()).isFalse();
    }

    @Test
    void c0c1IsBuiltOnceAndReturnedAsACopy() {
        HandshakeClient client = new HandshakeClient(new Random(9), true, 1);
        byte[] first = client.c0c1();
        first[100] ^= 1;

        assertThat(client.c0c1()).isNotEqualTo(first);
        first[100] ^= 1;
        assertThat(client.c0c1()).isEqualTo(first);
    }

    @Test
    void rejectsAServerVersionOtherThanThree() {
        HandshakeClient client = new HandshakeClient(new Random(10), false, 0);
        byte[] s0s1s2 = digestAnswer(client, 11);
        s0s1s2[0] = 6;

        assertThatThrownBy(() -> client.respondToS0S1S2(s0s1s2))
            .isInstanceOfSatisfying(RtmpProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(RtmpProtocolException.Reason.HANDSHAKE_FAILED));
    }

    @Test
    void callerErrorsAreRejected() {
        assertThatThrownBy(() -> new HandshakeClient(new Random(), true, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandshakeClient(new Random(), false, -1)).isInstanceOf(IllegalArgumentException.class);

        HandshakeClient client = new HandshakeClient(new Random(12), true, 0);
        assertThatThrownBy(() -> client.respondToS0S1S2(new byte[HandshakeServer.S0S1S2_LENGTH]))
            .as("before c0c1").isInstanceOf(IllegalStateException.class);
        byte[] s0s1s2 = digestAnswer(client, 13);
        assertThatThrownBy(() -> client.respondToS0S1S2(new byte[3072])).isInstanceOf(IllegalArgumentException.class);
        client.respondToS0S1S2(s0s1s2);
        assertThatThrownBy(() -> client.respondToS0S1S2(s0s1s2)).as("twice").isInstanceOf(IllegalStateException.class);
    }
}
