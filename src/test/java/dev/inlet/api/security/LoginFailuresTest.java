package dev.inlet.api.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LoginFailuresTest {

    private final AtomicLong clock = new AtomicLong();
    private final LoginFailures failures = new LoginFailures(
            new LoginLimits(3, Duration.ofSeconds(60), Duration.ofSeconds(30), 1, 1), clock::get);

    @Test
    void anAddressIsBlockedAtTheThresholdForTheBlockTime() {
        fail("10.0.0.1", 2);
        assertThat(failures.blockedFor("10.0.0.1")).isEmpty();
        fail("10.0.0.1", 1);
        assertThat(failures.blockedFor("10.0.0.1")).contains(Duration.ofSeconds(30));
        assertThat(failures.blockedFor("10.0.0.2")).as("other addresses").isEmpty();

        advance(29_000);
        assertThat(failures.blockedFor("10.0.0.1")).contains(Duration.ofSeconds(1));
        advance(1_001);
        assertThat(failures.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        fail("10.0.0.1", 2);
        advance(61_000);
        fail("10.0.0.1", 2);
        assertThat(failures.blockedFor("10.0.0.1")).isEmpty();
        fail("10.0.0.1", 1);
        assertThat(failures.blockedFor("10.0.0.1")).isPresent();
    }

    @Test
    void failuresDuringABlockDoNotLengthenIt() {
        fail("10.0.0.1", 3);
        advance(20_000);
        fail("10.0.0.1", 5);
        assertThat(failures.blockedFor("10.0.0.1")).contains(Duration.ofSeconds(10));
        advance(10_001);
        assertThat(failures.blockedFor("10.0.0.1")).as("a fresh count after the block").isEmpty();
        fail("10.0.0.1", 2);
        assertThat(failures.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void zeroFailuresTurnsBlockingOff() {
        LoginFailures off = new LoginFailures(new LoginLimits(0, Duration.ofSeconds(60), Duration.ofSeconds(30), 1, 1),
                clock::get);
        for (int i = 0; i < 100; i++) {
            off.failed("10.0.0.1");
        }
        assertThat(off.blockedFor("10.0.0.1")).isEmpty();
        assertThat(off.tracked()).isZero();
    }

    @Test
    void theNumberOfTrackedAddressesIsBoundedAndQuietOnesMakeRoom() {
        for (int i = 0; i < LoginFailures.MAX_TRACKED; i++) {
            failures.failed("10.1." + (i / 256) + "." + (i % 256));
        }
        failures.failed("10.9.9.9");
        assertThat(failures.tracked()).isEqualTo(LoginFailures.MAX_TRACKED);
        fail("10.9.9.9", 3);
        assertThat(failures.blockedFor("10.9.9.9")).as("not tracked while every address is recent").isEmpty();

        advance(61_000);
        fail("10.9.9.9", 3);
        assertThat(failures.tracked()).as("the quiet addresses were forgotten").isEqualTo(1);
        assertThat(failures.blockedFor("10.9.9.9")).isPresent();
    }

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            failures.failed(address);
        }
    }

    private void advance(long millis) {
        clock.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
