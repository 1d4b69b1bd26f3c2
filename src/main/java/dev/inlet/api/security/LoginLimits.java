package dev.inlet.api.security;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/**
 * How the built-in authentication protects itself (MicroProfile Config).
 *
 * @param maxFailures   {@code inlet.security.login-failures-before-block}: failed logins from one address within
 *                      {@code window} that block it; 0 turns blocking off
 * @param window        {@code inlet.security.login-failure-window-seconds}
 * @param block         {@code inlet.security.login-block-seconds}: how long a blocked address is refused (429)
 * @param verifyThreads {@code inlet.security.verify-threads}: threads that verify passwords (PBKDF2)
 * @param verifyQueue   {@code inlet.security.verify-queue}: verifications that may wait for a thread; beyond
 *                      that a login is refused at once (503)
 */
record LoginLimits(int maxFailures, Duration window, Duration block, int verifyThreads, int verifyQueue) {

    static final String MAX_FAILURES = "inlet.security.login-failures-before-block";
    static final String WINDOW = "inlet.security.login-failure-window-seconds";
    static final String BLOCK = "inlet.security.login-block-seconds";
    static final String VERIFY_THREADS = "inlet.security.verify-threads";
    static final String VERIFY_QUEUE = "inlet.security.verify-queue";

    LoginLimits {
        if (maxFailures < 0 || window.isNegative() || block.isNegative() || verifyThreads < 1 || verifyQueue < 0) {
            throw new IllegalArgumentException("invalid login limits: " + maxFailures + " failures in " + window
                    + ", block " + block + ", " + verifyThreads + " verify threads, queue " + verifyQueue);
        }
    }

    /**
     * A request waits on its own HTTP worker thread while its password is verified, so threads plus queue must stay
     * well below the server's HTTP workers (Payara's http-thread-pool has 5 unless configured) for valid requests to
     * find one free during a flood: 2 threads (1 on a single core) and 1 waiting occupy at most 3.
     */
    static LoginLimits defaults() {
        return new LoginLimits(10, Duration.ofSeconds(60), Duration.ofSeconds(60),
                Math.min(2, Runtime.getRuntime().availableProcessors()), 1);
    }

    static LoginLimits from(Config config) {
        LoginLimits defaults = defaults();
        return new LoginLimits(
                config.getOptionalValue(MAX_FAILURES, Integer.class).orElse(defaults.maxFailures()),
                config.getOptionalValue(WINDOW, Long.class).map(Duration::ofSeconds).orElse(defaults.window()),
                config.getOptionalValue(BLOCK, Long.class).map(Duration::ofSeconds).orElse(defaults.block()),
                config.getOptionalValue(VERIFY_THREADS, Integer.class).orElse(defaults.verifyThreads()),
                config.getOptionalValue(VERIFY_QUEUE, Integer.class).orElse(defaults.verifyQueue()));
    }

    boolean blocking() {
        return maxFailures > 0;
    }
}
