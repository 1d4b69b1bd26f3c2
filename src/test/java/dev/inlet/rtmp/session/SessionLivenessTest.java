package dev.inlet.rtmp.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which reads keep a connection: any bytes keep a publisher, only commands keep one that does nothing yet. */
class SessionLivenessTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final SessionSettings settings = SessionSettings.defaults(); // publisher 10 s, idle 30 s

    @Test
    void readsWithoutCommandsDoNotKeepAnIdlePeer() {
        SessionLiveness liveness = new SessionLiveness(settings, 0);
        for (long t = 5; t <= 30; t += 5) {
            liveness.onRead(t * SECOND, 0); // an Acknowledgement every five seconds
        }
        ServerSession.IdleClose close = liveness.idleClose(31 * SECOND, SessionLiveness.Activity.NOTHING, 0);
        assertThat(close).isNotNull();
        assertThat(close.reason()).isEqualTo("idle_timeout");
    }

    @Test
    void aCommandKeepsAPeerThatHasNotPublishedYet() {
        SessionLiveness liveness = new SessionLiveness(settings, 0);
        liveness.onCommand(20 * SECOND);
        assertThat(liveness.idleClose(31 * SECOND, SessionLiveness.Activity.NOTHING, 0)).isNull();
        assertThat(liveness.idleClose(51 * SECOND, SessionLiveness.Activity.NOTHING, 0)).isNotNull();
    }

    @Test
    void anyBytesReadKeepAPublisher() {
        SessionLiveness liveness = new SessionLiveness(settings, 0);
        liveness.onRead(9 * SECOND, 0); // part of a keyframe, no message completed
        assertThat(liveness.idleClose(15 * SECOND, SessionLiveness.Activity.PUBLISHING, 0)).isNull();
        assertThat(liveness.idleClose(20 * SECOND, SessionLiveness.Activity.PUBLISHING, 0)).isNotNull();
    }
}
