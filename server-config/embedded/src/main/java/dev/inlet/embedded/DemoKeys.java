package dev.inlet.embedded;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes the publish key of the demo stream when the operator gave none, and refuses a weak one the operator
 * chose: keys are stored as unsalted SHA-256, which only a key too long and varied to guess makes safe.
 */
final class DemoKeys {

    /** 160 bits: well past guessing, still short enough to paste into an encoder. */
    private static final int KEY_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoKeys() {
    }

    static final int MIN_LENGTH = 16;
    static final int MIN_DISTINCT_CHARACTERS = 8;

    /** Throws with a message the operator can act on when a chosen demo key is too easy to guess. */
    static String requireStrong(String key) {
        long distinct = key.chars().distinct().count();
        if (key.length() < MIN_LENGTH || distinct < MIN_DISTINCT_CHARACTERS) {
            throw new IllegalArgumentException("INLET_DEMO_KEY is too weak: it needs at least " + MIN_LENGTH
                    + " characters of which at least " + MIN_DISTINCT_CHARACTERS + " differ (it has "
                    + key.length() + " characters, " + distinct + " different). Unset it to get a random key.");
        }
        return key;
    }

    /** A fresh URL-safe key (base64url without padding, 27 characters). */
    static String random() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
