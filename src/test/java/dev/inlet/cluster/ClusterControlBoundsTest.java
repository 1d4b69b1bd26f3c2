package dev.inlet.cluster;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterControlBoundsTest {

    @Test
    void blocksWaitingForAnUnreachableDatabaseAreBounded() {
        ClusterControl.LocalNode nothing = new ClusterControl.LocalNode() {
            @Override
            public List<ClusterSession> sessions(long now) {
                return List.of();
            }

            @Override
            public void run(ClusterCommand command) {
            }
        };
        // never started: nothing writes the blocks, as when the database cannot be reached
        ClusterControl control = new ClusterControl(null, "node-a", nothing, Executors.defaultThreadFactory(),
                Clock.systemUTC(), ClusterControl.Timing.DEFAULT);
        for (int i = 0; i < ClusterControl.MAX_WAITING_BLOCKS + 50; i++) {
            control.blocked("198.51.100." + (i % 250) + "/" + i, System.currentTimeMillis() + 60_000, 1);
        }
        assertThat(control.waitingBlocks()).isEqualTo(ClusterControl.MAX_WAITING_BLOCKS);
    }
}
