package dev.inlet.rtmp.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeDigestTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "scheme {0}: bytes {1},{2},{3},{4} -> offset {5}")
    @CsvSource({
        "0, 0, 0, 0, 0, 12",
        "0, 1, 2, 3, 4, 22",
        "0, 255, 255, 255, 255, 304",   // 1020 % 728 = 292
        "0, 255, 255, 217, 0, 739",     // 727, the largest remainder
        "0, 255, 255, 218, 0, 12",      // 728 wraps to the start
        "1, 0, 0, 0, 0, 776",
        "1, 200, 100, 50, 25, 1151",
        "1, 255, 255, 255, 255, 1068",
        "1, 255, 255, 217, 0, 1503",    // the digest then ends exactly at byte 1535
    })
    void offsetArithmetic(int scheme, int b0, int b1, int b2, int b3, int expected) {
        byte[] packet = new byte[1536];
        int at = scheme == 0 ? 8 : 772;
        packet[at] = (byte) b0;
        packet[at + 1] = (byte) b1;
        packet[at + 2] = (byte) b2;
        packet[at + 3] = (byte) b3;

        assertThat(HandshakeDigest.digestOffset(packet, scheme)).isEqualTo(expected);
    }

    @Test
    void keysAreThePublishedConstants() {
        assertThat(HandshakeDigest.PLAYER_DIGEST_KEY.getEncoded()).isEqualTo(ReferenceDigest.PLAYER_TEXT).hasSize(30);
        assertThat(HandshakeDigest.SERVER_DIGEST_KEY.getEncoded()).isEqualTo(ReferenceDigest.SERVER_TEXT).hasSize(36);
        assertThat(HandshakeDigest.PLAYER_FULL_KEY.getEncoded()).isEqualTo(ReferenceDigest.playerFullKey()).hasSize(62);
        assertThat(HandshakeDigest.SERVER_FULL_KEY.getEncoded()).isEqualTo(ReferenceDigest.serverFullKey()).hasSize(68);
    }

    /**
     * A fixed packet (byte i = 7i + 3, version 9.0.124.2) whose offsets and HMACs were computed
     * outside Java, with Python's hmac module, from the published algorithm.
     */
    @ParameterizedTest
    @CsvSource({
        "0, 290, f89f1f7af03c88aada0200583415ae45a083c4505de98ca5dd416f5e7d6b7374, 9b2ba95921d4d64f933cc932adf7589e5ca5e883ff12b483d074329f0c312bda",
        "1, 942, 800bff09306b5703cdc89a8129090d0416f23e5177138ceb24137523ab8d6dfd, ddbf24f0deaa87e0f829a94f1c2754d6aefbae628f621358766b950def130aac",
    })
    void fixedPatternVector(int scheme, int offset, String playerDigestHex, String serverDigestHex) {
        byte[] packet = patternPacket();

        assertThat(HandshakeDigest.digestOffset(packet, scheme)).isEqualTo(offset);
        assertThat(HandshakeDigest.digestAround(packet, offset, HandshakeDigest.PLAYER_DIGEST_KEY)).isEqualTo(HEX.parseHex(playerDigestHex));
        assertThat(HandshakeDigest.digestAround(packet, offset, HandshakeDigest.SERVER_DIGEST_KEY)).isEqualTo(HEX.parseHex(serverDigestHex));

        assertThat(HandshakeDigest.imprintDigest(packet, scheme, HandshakeDigest.PLAYER_DIGEST_KEY)).isEqualTo(offset);
        assertThat(Arrays.copyOfRange(packet, offset, offset + 32)).isEqualTo(HEX.parseHex(playerDigestHex));
        assertThat(HandshakeDigest.findDigest(packet, scheme, HandshakeDigest.PLAYER_DIGEST_KEY)).isEqualTo(offset);
        assertThat(HandshakeDigest.findDigest(packet, 1 - scheme, HandshakeDigest.PLAYER_DIGEST_KEY)).isEqualTo(-1);
    }

    @Test
    void fixedPatternResponseSignature() throws Exception {
        byte[] response = patternPacket();
        byte[] peerDigest = MessageDigest.getInstance("SHA-256").digest("peer".getBytes("US-ASCII"));

        HandshakeDigest.signResponse(response, peerDigest, HandshakeDigest.SERVER_FULL_KEY);

        // Python: hmac(hmac(serverFullKey, sha256(b"peer")), packet[:1504])
        assertThat(Arrays.copyOfRange(response, 1504, 1536))
            .isEqualTo(HEX.parseHex("3b562c6cccd24ee137e4bdc73dedf031e90c6442cd82c77763d00ef1927f760e"));
        assertThat(HandshakeDigest.responseSigned(response, peerDigest, HandshakeDigest.SERVER_FULL_KEY)).isTrue();
        assertThat(HandshakeDigest.responseSigned(response, peerDigest, HandshakeDigest.PLAYER_FULL_KEY)).isFalse();
    }

    /** A C1 built from a seeded generator, checked byte for byte against a computation done here with Mac. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void seededClientC1CarriesTheDigestWhereTheSchemeSays(int scheme) {
        long seed = 20240601L;
        byte[] c0c1 = new HandshakeClient(new Random(seed), true, scheme).c0c1();
        byte[] c1 = ReferenceDigest.c1(c0c1);
        byte[] expectedRandom = new byte[1528];
        new Random(seed).nextBytes(expectedRandom);

        int at = scheme == 0 ? 8 : 772;
        int sum = Byte.toUnsignedInt(c1[at]) + Byte.toUnsignedInt(c1[at + 1])
            + Byte.toUnsignedInt(c1[at + 2]) + Byte.toUnsignedInt(c1[at + 3]);
        int offset = sum % 728 + (scheme == 0 ? 12 : 776);

        byte[] withoutDigest = ReferenceDigest.join(Arrays.copyOfRange(c1, 0, offset), Arrays.copyOfRange(c1, offset + 32, 1536));
        byte[] expectedDigest = ReferenceDigest.hmac("Genuine Adobe Flash Player 001".getBytes(java.nio.charset.StandardCharsets.US_ASCII), withoutDigest);

        assertThat(c0c1[0]).isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(c1, 0, 4)).as("time").containsOnly(0);
        assertThat(Arrays.copyOfRange(c1, 4, 8)).as("version").containsExactly(9, 0, 124, 2);
        assertThat(Arrays.copyOfRange(c1, offset, offset + 32)).isEqualTo(expectedDigest);
        // Everything outside the digest is the generator's output, unchanged.
        byte[] randomOutsideDigest = ReferenceDigest.join(Arrays.copyOfRange(expectedRandom, 0, offset - 8),
            Arrays.copyOfRange(expectedRandom, offset - 8 + 32, 1528));
        assertThat(Arrays.copyOfRange(withoutDigest, 8, withoutDigest.length)).isEqualTo(randomOutsideDigest);
        assertThat(HandshakeDigest.digestOffset(c1, scheme)).isEqualTo(offset);
    }

    @Test
    void rejectsPacketsOfTheWrongSizeAndUnknownSchemes() {
        assertThatThrownBy(() -> HandshakeDigest.digestOffset(new byte[1535], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeDigest.digestOffset(new byte[1536], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] patternPacket() {
        byte[] packet = new byte[1536];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) (i * 7 + 3);
        }
        packet[4] = 9;
        packet[5] = 0;
        packet[6] = 124;
        packet[7] = 2;
        return packet;
    }
}
