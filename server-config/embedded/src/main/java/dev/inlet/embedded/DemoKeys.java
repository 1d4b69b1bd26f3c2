package dev.inlet.embedded;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes the publish key of the demo stream when the operator gave none. */
final class DemoKeys {

    /** 160 bits: well past guessing, still short enough to paste into an encoder. */
    private static final int KEY_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoKeys() {
    }

    /** A fresh URL-safe key (base64url without padding, 27 characters). */
    static String random() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
