package dev.inlet.rtmp.handshake;

import static dev.inlet.rtmp.handshake.ReferenceDigest.c1;
import static dev.inlet.rtmp.handshake.ReferenceDigest.s1;
import static dev.inlet.rtmp.handshake.ReferenceDigest.s2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.rtmp.RtmpProtocolException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeServerTest {

    private final HandshakeServer server = new HandshakeServer(new Random(99));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 6, 8, 0xFF})
    void rejectsEveryVersionButThreeIncludingRtmpe(int version) {
        byte[] c0c1 = new HandshakeClient(new Random(1), true, 0).c0c1();
        c0c1[0] = (byte) version;

        assertThatThrownBy(() -> server.respondToC0C1(c0c1))
            .isInstanceOfSatisfying(RtmpProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(RtmpProtocolException.Reason.HANDSHAKE_FAILED));
    }

    @Test
    void c1ClaimingAVersionWithoutAValidDigestFallsBackToSimple() {
        byte[] c0c1 = new byte[HandshakeServer.C0C1_LENGTH];
        new Random(12345).nextBytes(c0c1);
        c0c1[0] = 3;
        c0c1[5] = 10; // version 10.0.32.18, but the digest areas hold only random bytes
        c0c1[6] = 0;
        c0c1[7] = 32;
        c0c1[8] = 18;
        byte[] c1 = c1(c0c1);
        assertThat(ReferenceDigest.hasDigest(c1, 0, ReferenceDigest.PLAYER_TEXT)).isFalse();
        assertThat(ReferenceDigest.hasDigest(c1, 1, ReferenceDigest.PLAYER_TEXT)).isFalse();

        byte[] s0s1s2 = server.respondToC0C1(c0c1);

        assertThat(server.kind()).isEqualTo(HandshakeKind.SIMPLE);
        assertThat(s2(s0s1s2)).isEqualTo(c1);
        assertThat(Arrays.copyOfRange(s1(s0s1s2), 4, 8)).as("no server version, so players skip digest checks").containsOnly(0);
    }

    @Test
    void aDigestC1WithOneFlippedBitFallsBackToSimple() {
        byte[] c0c1 = new HandshakeClient(new Random(2), true, 1).c0c1();
        int digestOffset = ReferenceDigest.offset(c1(c0c1), 1);
        c0c1[1 + digestOffset + 5] ^= 0x10;

        byte[] s0s1s2 = server.respondToC0C1(c0c1);

        assertThat(server.kind()).isEqualTo(HandshakeKind.SIMPLE);
        assertThat(s2(s0s1s2)).isEqualTo(c1(c0c1));
    }

    @Test
    void s1IsFreshRandomEachConnection() {
        byte[] c0c1 = new HandshakeClient(new Random(3), false, 0).c0c1();
        byte[] first = new HandshakeServer(new Random(1)).respondToC0C1(c0c1);
        byte[] second = new HandshakeServer(new Random(2)).respondToC0C1(c0c1);

        assertThat(s1(first)).isNotEqualTo(s1(second));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1536, 1538, 3073})
    void c0c1OfTheWrongLengthIsACallerError(int length) {
        assertThatThrownBy(() -> server.respondToC0C1(new byte[length])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1535, 1537})
    void c2OfTheWrongLengthIsACallerError(int length) {
        server.respondToC0C1(new HandshakeClient(new Random(4), false, 0).c0c1());

        assertThatThrownBy(() -> server.acceptC2(new byte[length])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsOutOfOrderAreRejected() {
        assertThatThrownBy(server::kind).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.acceptC2(new byte[HandshakeServer.C2_LENGTH])).isInstanceOf(IllegalStateException.class);

        byte[] c0c1 = new HandshakeClient(new Random(5), false, 0).c0c1();
        server.respondToC0C1(c0c1);
        assertThatThrownBy(() -> server.respondToC0C1(c0c1)).isInstanceOf(IllegalStateException.class);

        server.acceptC2(new byte[HandshakeServer.C2_LENGTH]);
        assertThatThrownBy(() -> server.acceptC2(new byte[HandshakeServer.C2_LENGTH])).isInstanceOf(IllegalStateException.class);
    }
}
