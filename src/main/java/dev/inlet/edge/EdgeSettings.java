package dev.inlet.edge;

import java.time.Duration;
import java.util.Objects;

/**
 * How this node pulls streams published on other nodes.
 *
 * @param idleTimeout     a pull stops this long after its last local reader left
 * @param startTimeout    how long a reader waits for a pull's first frame before it is refused as not found
 * @param connectTimeout  connecting to the origin and each of its answers
 * @param checkPeriod     how often each pull checks its readers and asks where the stream is published
 */
public record EdgeSettings(Duration idleTimeout, Duration startTimeout, Duration connectTimeout, Duration checkPeriod) {

    public EdgeSettings {
        for (Duration d : new Duration[]{idleTimeout, startTimeout, connectTimeout, checkPeriod}) {
            if (Objects.requireNonNull(d).isNegative() || d.isZero()) {
                throw new IllegalArgumentException("edge pull durations must be positive: " + d);
            }
        }
    }

    public static EdgeSettings defaults() {
        return new EdgeSettings(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(1));
    }
}
