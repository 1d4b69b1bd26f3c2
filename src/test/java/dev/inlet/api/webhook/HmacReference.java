package dev.inlet.api.webhook;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * HMAC-SHA256 written out from RFC 2104 on top of plain SHA-256, so that tests check the signer against
 * an implementation that shares no code with it (not even javax.crypto.Mac).
 */
final class HmacReference {

    private static final int BLOCK = 64;

    private HmacReference() {
    }

    static String hex(byte[] key, byte[] message) {
        try {
            if (key.length > BLOCK) {
                key = MessageDigest.getInstance("SHA-256").digest(key);
            }
            byte[] padded = java.util.Arrays.copyOf(key, BLOCK);
            byte[] inner = new byte[BLOCK];
            byte[] outer = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                inner[i] = (byte) (padded[i] ^ 0x36);
                outer[i] = (byte) (padded[i] ^ 0x5c);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(inner);
            byte[] innerHash = sha.digest(message);
            sha.update(outer);
            return HexFormat.of().formatHex(sha.digest(innerHash));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
