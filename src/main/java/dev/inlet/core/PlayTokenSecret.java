package dev.inlet.core;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Where the secret that signs play tokens comes from: configuration (shared by every node) or a random one. */
public final class PlayTokenSecret {

    private PlayTokenSecret() {
    }

    /** A fresh random secret: tokens then hold only on this node and until it stops. */
    public static byte[] random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /**
     * The configured secret: base64 (standard or URL-safe) when it decodes to at least 16 bytes, else its UTF-8
     * bytes, which must then be at least 16.
     *
     * @throws IllegalArgumentException when it is too short to sign with
     */
    public static byte[] of(String configured) {
        return of(configured, "inlet.play.token-secret");
    }

    /** As {@link #of(String)}, for the secret configured under {@code property} (named when it is too short). */
    public static byte[] of(String configured, String property) {
        String text = configured.strip();
        try {
            byte[] decoded = text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
            if (decoded.length >= PlayTokens.MIN_SECRET_BYTES) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // taken as text below
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < PlayTokens.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(property + " needs at least " + PlayTokens.MIN_SECRET_BYTES
                    + " bytes (give 32 random bytes in base64, e.g. `openssl rand -base64 32`)");
        }
        return bytes;
    }
}
