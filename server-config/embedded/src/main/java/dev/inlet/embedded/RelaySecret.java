package dev.inlet.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that seals relay targets' stream keys in the database ({@code inlet.relay.secret}), kept owner-only in the
 * data directory: the same across restarts, so the keys stored before still open.
 */
final class RelaySecret {

    static final String FILE = "relay-secret";

    private RelaySecret() {
    }

    /** The secret in the file, written first (32 random bytes, base64) when the file is missing or empty. */
    static String ensure(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String encoded = Base64.getEncoder().encodeToString(secret);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, encoded + "\n", StandardCharsets.UTF_8);
        OwnerOnlyFiles.filesIn(file.toAbsolutePath().getParent());
        return encoded;
    }
}
