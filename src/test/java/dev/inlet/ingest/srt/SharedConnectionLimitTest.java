package dev.inlet.ingest.srt;

import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.srt.SrtAdmission;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.srt.SrtVerdict;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The slot bookkeeping of SRT handshakes against the shared limits (the connected path: see the loopback test). */
class SharedConnectionLimitTest {

    private static final InetSocketAddress CALLER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
    private static final SrtAdmission ACCEPTING = (peer, id) -> SrtVerdict.accept(c -> null);

    private final ConnectionAdmission limits = new ConnectionAdmission(10, 1);
    private final List<String> refusals = new ArrayList<>();
    private SharedConnectionLimit limit(SrtAdmission next) {
        return new SharedConnectionLimit(limits, refusals::add, next);
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

        SrtVerdict verdict = new SharedConnectionLimit(full, refusals::add, ACCEPTING)
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
    void aHandshakeThatFailsAfterItsAdmissionGivesItsSlotBackAndTellsTheInnerHandler() {
        List<String> failures = new ArrayList<>();
        SharedConnectionLimit limit = limit((peer, id) -> SrtVerdict.accept(new SrtVerdict.ConnectionHandler() {
            @Override
            public dev.inlet.srt.SrtConnection.Listener connected(dev.inlet.srt.SrtConnection connection) {
                return null;
            }

            @Override
            public void handshakeFailed(String reason) {
                failures.add(reason);
            }
        }));
        SrtVerdict.Accept accept = (SrtVerdict.Accept) limit.decide(CALLER, "publish:k");
        assertThat(limits.open()).isEqualTo(1);

        accept.handler().handshakeFailed("wrong passphrase");
        accept.handler().handshakeFailed("wrong passphrase");

        assertThat(failures).hasSize(2); // the listener calls it once; the slot is given back only once anyway
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
