package dev.inlet.api.metrics;

import java.util.function.Predicate;

/**
 * Who may read {@code /metrics}: everyone when {@code inlet.metrics.public} is true (the default, for a
 * Prometheus server scraping over an internal network), else authenticated users in role
 * {@code inlet-admin} or {@code inlet-viewer}.
 */
public final class MetricsAccess {

    public static final String ADMIN = "inlet-admin";
    public static final String VIEWER = "inlet-viewer";

    public enum Decision { ALLOW, AUTHENTICATE, FORBID }

    private MetricsAccess() {
    }

    public static Decision decide(boolean publicMetrics, boolean authenticated, Predicate<String> inRole) {
        if (publicMetrics) {
            return Decision.ALLOW;
        }
        if (!authenticated) {
            return Decision.AUTHENTICATE;
        }
        return inRole.test(ADMIN) || inRole.test(VIEWER) ? Decision.ALLOW : Decision.FORBID;
    }
}
