package dev.inlet.api.security;

import java.util.Optional;

/**
 * Decides a login: refused at once while its address is blocked; accepted from memory when the same password
 * checked out recently (so valid callers never queue behind attackers); otherwise verified on the bounded
 * {@link VerificationPool}, refused at once when that is full, and a failure counted against the address.
 */
final class LoginGuard implements AutoCloseable {

    private final BuiltInIdentityStore store;
    private final LoginFailures failures;
    private final VerificationPool pool;

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
            verified = pool.run(() -> store.verify(name, password));
        } catch (VerificationPool.Saturated e) {
            return new LoginOutcome.Busy();
        }
        if (verified.isPresent()) {
            return new LoginOutcome.Accepted(verified.get());
        }
        failures.failed(address);
        return new LoginOutcome.Rejected();
    }

    @Override
    public void close() {
        pool.close();
    }
}
