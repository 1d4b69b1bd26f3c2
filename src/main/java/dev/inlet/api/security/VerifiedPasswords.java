package dev.inlet.api.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, that a user's password checked out, so that HTTP Basic (which sends the
 * password with every request) does not pay the deliberately slow PBKDF2 each time. What is kept is a
 * keyed SHA-256 of the password under a secret that lives only in this JVM, tied to the stored hash so
 * that a changed password is not served from memory.
 */
final class VerifiedPasswords {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private record Proof(String storedHash, byte[] digest, Instant until) {
    }

    private final byte[] secret = new byte[32];
    private final Map<String, Proof> proofs = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedPasswords() {
        this(Clock.systemUTC());
    }

    VerifiedPasswords(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    boolean recentlyVerified(StoredUser user, char[] password) {
        Proof proof = proofs.get(user.name());
        return proof != null && proof.storedHash().equals(user.passwordHash()) && clock.instant().isBefore(proof.until())
                && MessageDigest.isEqual(proof.digest(), digest(password));
    }

    void remember(StoredUser user, char[] password) {
        proofs.put(user.name(), new Proof(user.passwordHash(), digest(password), clock.instant().plus(LIFETIME)));
    }

    private byte[] digest(char[] password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(secret);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            sha256.update(bytes);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
