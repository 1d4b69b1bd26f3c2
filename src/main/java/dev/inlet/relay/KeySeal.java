package dev.inlet.relay;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals relay targets' stream keys for the database with AES-GCM under a key from configuration
 * ({@code inlet.relay.secret}, base64 of 16, 24 or 32 bytes): a random 12-byte nonce, then the ciphertext and its tag,
 * base64. The stream the key belongs to is authenticated data, so a sealed key copied to another stream's row does not
 * open.
 */
public final class KeySeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private KeySeal(byte[] secret) {
        this.key = new SecretKeySpec(secret, "AES");
    }

    /** From a configured secret; the message says what is wrong with a bad one (never the secret). */
    public static KeySeal of(String base64Secret) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64Secret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inlet.relay.secret is not base64");
        }
        if (secret.length != 16 && secret.length != 24 && secret.length != 32) {
            throw new IllegalArgumentException("inlet.relay.secret must decode to 16, 24 or 32 bytes, not " + secret.length);
        }
        return new KeySeal(secret);
    }

    /** A fresh random secret (32 bytes, base64), for a launcher that keeps one in its data directory. */
    public static String newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    public String seal(String stream, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(stream.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalArgumentException if it was not sealed with this secret for this stream */
    public String open(String stream, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(stream.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a relay key that this node's inlet.relay.secret did not seal");
        }
    }
}
