package dev.inlet.api.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoginGuardTest {

    private static final String RIGHT = "right-pw";
    private static final StoredUser ADMIN = new StoredUser("admin", Set.of("inlet-admin"),
            PasswordHash.hash(RIGHT.toCharArray(), 1000));

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger verifications = new AtomicInteger();
    /** Wrong passwords are slow to verify until released, as a flood of PBKDF2 checks would be. */
    private final CountDownLatch releaseWrong = new CountDownLatch(1);
    private final PasswordVerifier slowWhenWrong = (password, hash) -> {
        verifications.incrementAndGet();
        if (PasswordHash.verify(password, hash)) {
            return true;
        }
        try {
            releaseWrong.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    };
    private final VerificationPool pool = new VerificationPool(1, 1, Executors.defaultThreadFactory(),
            Duration.ofSeconds(30));
    private final LoginGuard guard = new LoginGuard(BuiltInIdentityStore.of(Map.of("admin", ADMIN), slowWhenWrong),
            new LoginFailures(new LoginLimits(2, Duration.ofSeconds(60), Duration.ofSeconds(30), 1, 1), clock::get),
            pool);

    @AfterEach
    void stop() {
        releaseWrong.countDown();
        guard.close();
    }

    @Test
    void withThePoolSaturatedByWrongPasswordsRememberedValidCredentialsAreAcceptedAtOnceAndNewOnesRefused()
            throws Exception {
        assertThat(guard.attempt("10.0.0.9", "admin", RIGHT.toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);
        CompletableFuture<LoginOutcome> running = CompletableFuture.supplyAsync(
                () -> guard.attempt("10.0.0.5", "admin", "wrong-1".toCharArray()));
        await().atMost(Duration.ofSeconds(10)).until(() -> verifications.get() == 2);
        CompletableFuture<LoginOutcome> queued = CompletableFuture.supplyAsync(
                () -> guard.attempt("10.0.0.5", "admin", "wrong-2".toCharArray()));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiting() == 1);

        long before = System.nanoTime();
        for (int i = 0; i < 2; i++) { // as many as block an address, were they counted as failures
            assertThat(guard.attempt("10.0.0.6", "admin", "wrong-3".toCharArray()))
                    .as("refused at once, not queued").isInstanceOf(LoginOutcome.Busy.class);
        }
        assertThat(guard.attempt("10.0.0.5", "admin", RIGHT.toCharArray()))
                .as("remembered credentials skip the pool").isInstanceOf(LoginOutcome.Accepted.class);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(verifications).as("neither went through the verifier").hasValue(2);

        releaseWrong.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isInstanceOf(LoginOutcome.Rejected.class);
        assertThat(queued.get(10, TimeUnit.SECONDS)).isInstanceOf(LoginOutcome.Rejected.class);
        assertThat(guard.attempt("10.0.0.6", "admin", RIGHT.toCharArray()))
                .as("the refusal for load counted no failure against its address").isInstanceOf(LoginOutcome.Accepted.class);
    }

    @Test
    void aBlockedAddressIsRefusedWithoutVerificationEvenWithTheRightPassword() {
        releaseWrong.countDown();
        assertThat(guard.attempt("10.0.0.5", "admin", "wrong".toCharArray())).isInstanceOf(LoginOutcome.Rejected.class);
        assertThat(guard.attempt("10.0.0.5", "nobody", "wrong".toCharArray())).isInstanceOf(LoginOutcome.Rejected.class);
        int before = verifications.get();

        LoginOutcome outcome = guard.attempt("10.0.0.5", "admin", RIGHT.toCharArray());

        assertThat(outcome).isEqualTo(new LoginOutcome.Blocked(Duration.ofSeconds(30)));
        assertThat(verifications).hasValue(before);
        assertThat(guard.attempt("10.0.0.6", "admin", RIGHT.toCharArray())).as("another address")
                .isInstanceOf(LoginOutcome.Accepted.class);
        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(guard.attempt("10.0.0.5", "admin", RIGHT.toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);
    }

    @Test
    void aSuccessfulLoginDoesNotClearTheFailuresOfItsAddress() {
        releaseWrong.countDown();
        guard.attempt("10.0.0.5", "admin", "wrong".toCharArray());
        assertThat(guard.attempt("10.0.0.5", "admin", RIGHT.toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);
        guard.attempt("10.0.0.5", "admin", "wrong".toCharArray());

        assertThat(guard.attempt("10.0.0.5", "admin", RIGHT.toCharArray())).isInstanceOf(LoginOutcome.Blocked.class);
    }

    @Test
    void identicalAttemptsArrivingTogetherShareOneVerificationInsteadOfBeingRefusedAsBusy() throws Exception {
        CountDownLatch releaseRight = new CountDownLatch(1);
        AtomicInteger slowChecks = new AtomicInteger();
        PasswordVerifier slow = (password, hash) -> {
            slowChecks.incrementAndGet();
            try {
                releaseRight.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PasswordHash.verify(password, hash);
        };
        VerificationPool onePlace = new VerificationPool(1, 0, Executors.defaultThreadFactory(), Duration.ofSeconds(30));
        try (LoginGuard coalescing = new LoginGuard(BuiltInIdentityStore.of(Map.of("admin", ADMIN), slow),
                new LoginFailures(new LoginLimits(10, Duration.ofSeconds(60), Duration.ofSeconds(30), 1, 1), clock::get),
                onePlace)) {
            java.util.List<CompletableFuture<LoginOutcome>> attempts = new java.util.ArrayList<>();
            attempts.add(CompletableFuture.supplyAsync(() -> coalescing.attempt("10.0.0.7", "admin", RIGHT.toCharArray())));
            await().atMost(Duration.ofSeconds(10)).until(() -> slowChecks.get() == 1);
            for (int i = 0; i < 5; i++) { // a console opening its first requests at once
                attempts.add(CompletableFuture.supplyAsync(() -> coalescing.attempt("10.0.0.7", "admin", RIGHT.toCharArray()),
                        Executors.newSingleThreadExecutor()));
            }
            Thread.sleep(200); // let them reach the guard; none may be refused while the first is being checked
            releaseRight.countDown();
            for (CompletableFuture<LoginOutcome> attempt : attempts) {
                assertThat(attempt.get(10, TimeUnit.SECONDS)).isInstanceOf(LoginOutcome.Accepted.class);
            }
            assertThat(slowChecks).as("one derivation for all of them").hasValueLessThanOrEqualTo(2);
        }
    }
}
