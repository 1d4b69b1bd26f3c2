package dev.inlet.api.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides a login: refused at once while its address is blocked; accepted from memory when the same password
 * checked out recently (so valid callers never queue behind attackers); otherwise verified on the bounded
 * {@link VerificationPool}, refused at once when that is full, and a failure counted against the address.
 * Identical attempts that arrive while one is being verified wait for that one verification instead of taking
 * pool places of their own: a console or script opening several requests at once with fresh credentials is not
 * refused as busy, and a burst of the same wrong password costs one derivation.
 */
final class LoginGuard implements AutoCloseable {

    private final BuiltInIdentityStore store;
    private final LoginFailures failures;
    private final VerificationPool pool;
    /** Verifications under way, by a digest of name and password (never the password itself). */
    private final Map<String, CompletableFuture<Optional<StoredUser>>> inFlight = new ConcurrentHashMap<>();

    LoginGuard(BuiltInIdentityStore store, LoginFailures failures, VerificationPool pool) {
        this.store = store;
        this.failures = failures;
        this.pool = pool;
    }

    LoginOutcome attempt(String address, String name, char[] password) {
        Optional<java.time.Duration> blocked = failures.blockedFor(address);
        if (blocked.isPresent()) {
            return new LoginOutcome.Blocked(blocked.get());
        }
        Optional<StoredUser> known = store.recentlyVerified(name, password);
        if (known.isPresent()) {
            return new LoginOutcome.Accepted(known.get());
        }
        Optional<StoredUser> verified;
        try {
            verified = verifyOnce(name, password);
        } catch (VerificationPool.Saturated e) {
            return new LoginOutcome.Busy();
        }
        if (verified.isPresent()) {
            return new LoginOutcome.Accepted(verified.get());
        }
        failures.failed(address);
        return new LoginOutcome.Rejected();
    }

    private Optional<StoredUser> verifyOnce(String name, char[] password) throws VerificationPool.Saturated {
        String attempt = digest(name, password);
        CompletableFuture<Optional<StoredUser>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<StoredUser>> running = inFlight.putIfAbsent(attempt, mine);
        if (running != null) {
            try {
                return running.join(); // bounded: the verification it waits for has the pool's own time limit
            } catch (CompletionException e) {
                if (e.getCause() instanceof VerificationPool.Saturated saturated) {
                    throw saturated;
                }
                throw e;
            }
        }
        try {
            Optional<StoredUser> verified = pool.run(() -> store.verify(name, password));
            mine.complete(verified);
            return verified;
        } catch (VerificationPool.Saturated | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(attempt, mine);
        }
    }

    private static String digest(String name, char[] password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(String.valueOf(name).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            sha256.update(encoded);
            java.util.Arrays.fill(encoded.array(), (byte) 0);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
