package dev.inlet.embedded;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The API user {@code admin} of the built-in identity store, kept as a PBKDF2 hash in the data directory's
 * credentials file ({@code name:roles:pbkdf2-sha256$iterations$salt$hash}, the format the application's
 * {@code dev.inlet.api.security.CredentialsFile} reads). The launcher does not carry the application's
 * classes, hence this small copy of the encoding; both are tested against the same PBKDF2 vector.
 */
final class AdminCredentials {

    static final String USER = "admin";
    static final String ROLE = "inlet-admin";
    static final String FILE = "security/api-users";
    static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@link #ensure} did, and the password when the person at the console must be told it. */
    record Outcome(Kind kind, Optional<String> generatedPassword) {
        enum Kind { CONFIGURED, KEPT, GENERATED }
    }

    private AdminCredentials() {
    }

    /**
     * Makes sure {@code file} has an admin: with the configured password when there is one (replacing the stored
     * hash), else the stored one, else a new random password, returned so it can be printed this once.
     */
    static Outcome ensure(Path file, Optional<String> configuredPassword) throws IOException {
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        boolean hasAdmin = lines.stream().anyMatch(line -> line.startsWith(USER + ":"));
        if (configuredPassword.isEmpty() && hasAdmin) {
            return new Outcome(Outcome.Kind.KEPT, Optional.empty());
        }
        String password = configuredPassword.orElseGet(AdminCredentials::randomPassword);
        List<String> updated = new ArrayList<>();
        if (lines.isEmpty()) {
            updated.add("# Inlet built-in users: name:roles:password hash (PBKDF2). Written by the run command.");
        }
        lines.stream().filter(line -> !line.startsWith(USER + ":")).forEach(updated::add);
        updated.add(USER + ":" + ROLE + ":" + hash(password.toCharArray(), ITERATIONS));
        write(file, updated);
        return configuredPassword.isPresent()
                ? new Outcome(Outcome.Kind.CONFIGURED, Optional.empty())
                : new Outcome(Outcome.Kind.GENERATED, Optional.of(password));
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encode(iterations, salt, derive(password, salt, iterations, 32));
    }

    static String encode(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** 18 random bytes: 24 URL-safe characters, easy to paste, far past guessing. */
    static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".api-users", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
