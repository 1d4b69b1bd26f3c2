package dev.inlet.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately plain rendering of the digest handshake arithmetic, written from
 * the published description, so tests never check the production helper against itself.
 */
final class ReferenceDigest {

    static final byte[] KEY_TAIL = HexFormat.of().parseHex("F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE");
    static final byte[] PLAYER_TEXT = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVER_TEXT = "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);

    private ReferenceDigest() {
    }

    static byte[] playerFullKey() {
        return join(PLAYER_TEXT, KEY_TAIL);
    }

    static byte[] serverFullKey() {
        return join(SERVER_TEXT, KEY_TAIL);
    }

    /** Scheme 0: sum of bytes 8..11 mod 728, plus 12. Scheme 1: sum of bytes 772..775 mod 728, plus 776. */
    static int offset(byte[] packet, int scheme) {
        int at = scheme == 0 ? 8 : 772;
        int base = scheme == 0 ? 12 : 776;
        int sum = 0;
        for (int i = at; i < at + 4; i++) {
            sum += Byte.toUnsignedInt(packet[i]);
        }
        return sum % 728 + base;
    }

    /** HMAC-SHA256 over the packet with the 32 bytes at {@code offset} cut out. */
    static byte[] digestWithout(byte[] packet, int offset, byte[] key) {
        byte[] rest = join(Arrays.copyOfRange(packet, 0, offset), Arrays.copyOfRange(packet, offset + 32, packet.length));
        return hmac(key, rest);
    }

    static boolean hasDigest(byte[] packet, int scheme, byte[] key) {
        int offset = offset(packet, scheme);
        return Arrays.equals(digestWithout(packet, offset, key), Arrays.copyOfRange(packet, offset, offset + 32));
    }

    static byte[] digestAt(byte[] packet, int scheme) {
        int offset = offset(packet, scheme);
        return Arrays.copyOfRange(packet, offset, offset + 32);
    }

    /** Whether the last 32 bytes are HMAC(HMAC(fullKey, peerDigest), first 1504 bytes). */
    static boolean signedWith(byte[] response, byte[] fullKey, byte[] peerDigest) {
        byte[] derived = hmac(fullKey, peerDigest);
        byte[] expected = hmac(derived, Arrays.copyOfRange(response, 0, 1504));
        return Arrays.equals(expected, Arrays.copyOfRange(response, 1504, 1536));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] join(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] s1(byte[] s0s1s2) {
        return Arrays.copyOfRange(s0s1s2, 1, 1537);
    }

    static byte[] s2(byte[] s0s1s2) {
        return Arrays.copyOfRange(s0s1s2, 1537, 3073);
    }

    static byte[] c1(byte[] c0c1) {
        return Arrays.copyOfRange(c0c1, 1, 1537);
    }
}
