package dev.inlet.core;

import dev.inlet.hub.BackPressure;

import java.time.Duration;
import java.util.Objects;

/**
 * What the stream core is configured with, whatever the protocols in front of it.
 *
 * @param gopCacheMaxBytes    bytes of the current GOP a stream keeps for joining readers
 * @param backPressure        when a slow reader skips and when it is disconnected
 * @param reconnectGrace      how long readers wait for a dropped stream to come back
 * @param maxPlayersPerStream readers per stream, every protocol together (0: no limit)
 * @param maxPlayers          readers of the server, every protocol together (0: no limit)
 * @param publishBlocking     brute-force protection of publish keys
 * @param authorizationTimeout how long an authoriser may take before the attempt is refused
 */
public record CoreSettings(long gopCacheMaxBytes, BackPressure backPressure, Duration reconnectGrace,
                           int maxPlayersPerStream, int maxPlayers, PublishBlocking publishBlocking,
                           Duration authorizationTimeout) {

    public CoreSettings {
        Objects.requireNonNull(backPressure);
        Objects.requireNonNull(reconnectGrace);
        Objects.requireNonNull(publishBlocking);
        Objects.requireNonNull(authorizationTimeout);
        if (gopCacheMaxBytes < 0 || maxPlayersPerStream < 0 || maxPlayers < 0 || reconnectGrace.isNegative()
                || authorizationTimeout.isNegative() || authorizationTimeout.isZero()) {
            throw new IllegalArgumentException("invalid stream core settings: " + gopCacheMaxBytes + " GOP bytes, "
                    + maxPlayersPerStream + "/" + maxPlayers + " players, grace " + reconnectGrace
                    + ", authorisation timeout " + authorizationTimeout);
        }
    }

    public static CoreSettings defaults() {
        return new CoreSettings(16L * 1024 * 1024, BackPressure.defaults(), Duration.ofSeconds(10), 2000, 10_000,
                PublishBlocking.defaults(), Duration.ofSeconds(10));
    }
}
