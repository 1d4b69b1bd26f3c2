package dev.inlet.api.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts failed logins per remote address and blocks an address that fails {@code maxFailures} times within the
 * window, for a fixed time (the same idea as the publish blocklist, without its escalation: a login block is
 * short and an operator cannot lift it). A successful login changes nothing, its own address's count included,
 * so that one valid user behind a shared address does not clear an attacker's record.
 *
 * <p>Memory is bounded: at most {@link #MAX_TRACKED} addresses, each with at most {@code maxFailures}
 * timestamps. When full, addresses neither blocked nor failing within the window are forgotten; if that frees
 * nothing, a new address is not tracked until it does.
 */
final class LoginFailures {

    static final int MAX_TRACKED = 10_000;
    private static final Logger LOG = Logger.getLogger(LoginFailures.class.getName());

    private final LoginLimits limits;
    private final LongSupplier nanoClock;
    private final Map<String, Record> records = new HashMap<>();

    private static final class Record {
        final Deque<Long> failures = new ArrayDeque<>();
        long blockedUntilNanos;
        boolean blocked;
    }

    LoginFailures(LoginLimits limits) {
        this(limits, System::nanoTime);
    }

    LoginFailures(LoginLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** How long logins from {@code address} are still refused, or empty when they are checked. */
    synchronized Optional<Duration> blockedFor(String address) {
        Record record = records.get(address);
        if (record == null || !record.blocked) {
            return Optional.empty();
        }
        long left = record.blockedUntilNanos - nanoClock.getAsLong();
        if (left <= 0) {
            record.blocked = false;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(left));
    }

    /** A login from {@code address} had a wrong user name or password; may start a block. */
    synchronized void failed(String address) {
        if (!limits.blocking()) {
            return;
        }
        long now = nanoClock.getAsLong();
        Record record = records.get(address);
        if (record == null) {
            if (records.size() >= MAX_TRACKED && !forgetQuietAddresses(now)) {
                return;
            }
            record = new Record();
            records.put(address, record);
        }
        if (record.blocked && now < record.blockedUntilNanos) {
            return; // a verification that was under way when the block began does not lengthen it
        }
        record.blocked = false;
        record.failures.addLast(now);
        while (now - record.failures.peekFirst() > limits.window().toNanos()) {
            record.failures.removeFirst();
        }
        if (record.failures.size() >= limits.maxFailures()) {
            record.failures.clear();
            record.blocked = true;
            record.blockedUntilNanos = now + limits.block().toNanos();
            LOG.log(Level.WARNING, "{0} failed {1} API logins within {2} s: refusing its logins for {3} s",
                    new Object[]{address, limits.maxFailures(), limits.window().toSeconds(), limits.block().toSeconds()});
        }
    }

    synchronized int tracked() {
        return records.size();
    }

    private boolean forgetQuietAddresses(long now) {
        int before = records.size();
        records.values().removeIf(r -> !(r.blocked && r.blockedUntilNanos > now)
                && (r.failures.isEmpty() || now - r.failures.peekLast() > limits.window().toNanos()));
        if (records.size() < before) {
            return true;
        }
        LOG.log(Level.WARNING, "tracking {0} addresses with failed API logins already; not tracking another",
                records.size());
        return false;
    }
}
