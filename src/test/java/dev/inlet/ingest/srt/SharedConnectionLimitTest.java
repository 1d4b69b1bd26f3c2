package dev.inlet.ingest.srt;

import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.srt.SrtAdmission;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.srt.SrtVerdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The slot bookkeeping of SRT handshakes against the shared limits (the connected path: see the loopback test). */
class SharedConnectionLimitTest {

    private static final InetSocketAddress CALLER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
    private static final SrtAdmission ACCEPTING = (peer, id) -> SrtVerdict.accept(c -> null);

    private final ConnectionAdmission limits = new ConnectionAdmission(10, 1);
    private final List<String> refusals = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private SharedConnectionLimit limit(SrtAdmission next) {
        return new SharedConnectionLimit(limits, refusals::add, next, timers);
    }

    @Test
    void anAcceptedHandshakeHoldsASlotAndTheNextCallerFromItsAddressIsOverloaded() {
        SharedConnectionLimit limit = limit(ACCEPTING);

        assertThat(limit.decide(CALLER, "publish:k")).isInstanceOf(SrtVerdict.Accept.class);
        assertThat(limits.open()).isEqualTo(1);

        SrtVerdict second = limit.decide(CALLER, "publish:k");
        assertThat(second).isInstanceOfSatisfying(SrtVerdict.Reject.class,
                r -> assertThat(r.reason()).isEqualTo(SrtRejectReason.OVERLOAD));
        assertThat(refusals).containsExactly(ConnectionAdmission.TOO_MANY_FROM_IP);
        assertThat(limits.open()).isEqualTo(1);
    }

    @Test
    void theTotalLimitIsCountedUnderItsOwnReason() {
        ConnectionAdmission full = new ConnectionAdmission(1, 5);
        assertThat(full.admit(InetAddress.getLoopbackAddress())).isNull(); // an RTMP connection

        SrtVerdict verdict = new SharedConnectionLimit(full, refusals::add, ACCEPTING, timers)
                .decide(CALLER, "publish:k");

        assertThat(((SrtVerdict.Reject) verdict).reason()).isEqualTo(SrtRejectReason.OVERLOAD);
        assertThat(refusals).containsExactly(ConnectionAdmission.TOO_MANY);
    }

    @Test
    void aCallerOverTheLimitIsNotShownToTheStreamCore() {
        assertThat(limits.admit(CALLER.getAddress())).isNull(); // an RTMP connection from the same address
        List<String> asked = new ArrayList<>();

        limit((peer, id) -> {
            asked.add(id);
            return SrtVerdict.accept(c -> null);
        }).decide(CALLER, "publish:k");

        assertThat(asked).isEmpty();
    }

    @Test
    void aRejectedHandshakeGivesItsSlotBack() {
        SrtVerdict verdict = limit((peer, id) -> SrtVerdict.reject(SrtRejectReason.NOT_FOUND, "no key"))
                .decide(CALLER, "publish:k");

        assertThat(((SrtVerdict.Reject) verdict).reason()).isEqualTo(SrtRejectReason.NOT_FOUND);
        assertThat(limits.open()).isZero();
    }

    @Test
    void aFailingAdmissionGivesItsSlotBack() {
        SharedConnectionLimit limit = limit((peer, id) -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> limit.decide(CALLER, "publish:k")).isInstanceOf(IllegalStateException.class);
        assertThat(limits.open()).isZero();
    }

    @Test
    void handshakesPendingWhenTheListenerStopsGiveTheirSlotsBack() {
        SharedConnectionLimit limit = limit(ACCEPTING);
        limit.decide(CALLER, "publish:k");

        limit.releasePending();
        limit.releasePending();

        assertThat(limits.open()).isZero();
        assertThat(limits.admit(CALLER.getAddress())).as("the address may connect again").isNull();
    }

    @Test
    void theAcceptedVerdictKeepsThePassphrase() {
        SrtVerdict verdict = limit((peer, id) -> SrtVerdict.accept("0123456789ab", c -> null))
                .decide(CALLER, "publish:k");

        assertThat(((SrtVerdict.Accept) verdict).passphrase()).contains("0123456789ab");
    }
}
