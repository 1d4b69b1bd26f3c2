package dev.inlet.api.metrics;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.inlet.api.metrics.MetricsAccess.Decision.ALLOW;
import static dev.inlet.api.metrics.MetricsAccess.Decision.AUTHENTICATE;
import static dev.inlet.api.metrics.MetricsAccess.Decision.FORBID;
import static org.assertj.core.api.Assertions.assertThat;

class MetricsAccessTest {

    @Test
    void publicMetricsNeedNoCredentials() {
        assertThat(MetricsAccess.decide(true, false, role -> false)).isEqualTo(ALLOW);
    }

    @Test
    void privateMetricsNeedAnInletRole() {
        assertThat(MetricsAccess.decide(false, false, role -> false)).isEqualTo(AUTHENTICATE);
        assertThat(MetricsAccess.decide(false, true, Set.of("inlet-viewer")::contains)).isEqualTo(ALLOW);
        assertThat(MetricsAccess.decide(false, true, Set.of("inlet-admin")::contains)).isEqualTo(ALLOW);
        assertThat(MetricsAccess.decide(false, true, Set.of("billing")::contains)).isEqualTo(FORBID);
    }
}
