package dev.inlet.api.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginLimitsTest {

    /** Payara's http-thread-pool when not configured (grizzly-config's ThreadPool.MAX_THREADPOOL_SIZE). */
    private static final int PAYARA_DEFAULT_HTTP_WORKERS = 5;

    @Test
    void byDefaultWaitingVerificationsLeaveMostOfPayarasHttpWorkersFree() {
        LoginLimits defaults = LoginLimits.defaults();

        assertThat(defaults.verifyThreads() + defaults.verifyQueue()).isLessThanOrEqualTo(PAYARA_DEFAULT_HTTP_WORKERS - 2);
        assertThat(defaults.blocking()).isTrue();
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> new LoginLimits(-1, Duration.ofSeconds(60), Duration.ofSeconds(60), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginLimits(10, Duration.ofSeconds(60), Duration.ofSeconds(60), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new LoginLimits(0, Duration.ofSeconds(60), Duration.ofSeconds(60), 1, 0).blocking()).isFalse();
    }
}
