package dev.inlet.api.security;

import dev.inlet.core.AddressBlocklist;
import dev.inlet.core.PublishBlocking;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Failed API logins per remote address: an address that fails {@code maxFailures} times within the window is
 * refused for a fixed time. The publish blocklist's mechanism ({@link AddressBlocklist}, with a first block equal
 * to the longest, so a block does not escalate; an operator cannot lift a login block). A successful login changes
 * nothing, its own address's count included, so that one valid user behind a shared address does not clear an
 * attacker's record. Memory is bounded as there: at most {@link #MAX_TRACKED} addresses.
 */
final class LoginFailures {

    static final int MAX_TRACKED = AddressBlocklist.MAX_TRACKED;

    private final AddressBlocklist blocklist;

    LoginFailures(LoginLimits limits) {
        this(limits, System::nanoTime);
    }

    LoginFailures(LoginLimits limits, LongSupplier nanoClock) {
        this.blocklist = new AddressBlocklist(new PublishBlocking(limits.maxFailures(), limits.window(),
                limits.block(), limits.block()), "API logins", nanoClock);
    }

    /** How long logins from {@code address} are still refused, or empty when they are checked. */
    Optional<Duration> blockedFor(String address) {
        return blocklist.blockedFor(address);
    }

    /** A login from {@code address} had a wrong user name or password; may start a block. */
    void failed(String address) {
        blocklist.failed(address);
    }

    int tracked() {
        return blocklist.tracked();
    }
}
