package dev.inlet.api.security;

import java.time.Duration;

/** What became of one login attempt with HTTP Basic credentials. */
sealed interface LoginOutcome {

    /** The credentials are valid: {@code user} is logged in. */
    record Accepted(StoredUser user) implements LoginOutcome {
    }

    /** Unknown user or wrong password (the two are not told apart). */
    record Rejected() implements LoginOutcome {
    }

    /** The address failed too often; not verified; may try again after {@code retryAfter}. */
    record Blocked(Duration retryAfter) implements LoginOutcome {
    }

    /** Every password verifier is busy; not verified; try again shortly. */
    record Busy() implements LoginOutcome {
    }
}
