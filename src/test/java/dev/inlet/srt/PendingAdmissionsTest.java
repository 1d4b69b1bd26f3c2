package dev.inlet.srt;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Verdicts waiting for their socket's accept. */
class PendingAdmissionsTest {

    private static SrtVerdict.Accept accept(List<String> failures, String name) {
        return new SrtVerdict.Accept(Optional.empty(), new SrtVerdict.ConnectionHandler() {
            @Override
            public SrtConnection.Listener connected(SrtConnection connection) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void handshakeFailed(String reason) {
                failures.add(name + ": " + reason);
            }
        });
    }

    @Test
    void aRepeatedHandshakeForTheSameSocketFailsTheEarlierVerdictSoItsSlotIsGivenBack() {
        PendingAdmissions pending = new PendingAdmissions(10_000_000_000L);
        List<String> failures = new CopyOnWriteArrayList<>();
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 5000);
        SrtVerdict.Accept first = accept(failures, "first");
        SrtVerdict.Accept second = accept(failures, "second");

        pending.add(7, first, peer, "publish:k");
        pending.add(7, second, peer, "publish:k");

        assertThat(failures).containsExactly("first: replaced by the caller's repeated handshake");
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.take(7).verdict()).isSameAs(second);
        assertThat(pending.take(7)).isNull();
    }

    @Test
    void aConnectedSocketWaitingPastItsTimeIsOwedAnAcceptOneJustAdmittedOrNotConnectedIsNot() {
        PendingAdmissions pending = new PendingAdmissions(10_000_000_000L);
        List<String> failures = new CopyOnWriteArrayList<>();
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 5000);
        long start = System.nanoTime();
        pending.add(7, accept(failures, "connected"), peer, "read:demo");
        pending.add(8, accept(failures, "still in its handshake"), peer, "read:demo");

        assertThat(pending.connectedButNotAccepted(start, 300_000_000L, socket -> true))
                .as("just admitted: the epoll has had no time to report it").isZero();
        long later = System.nanoTime() + 400_000_000L;
        assertThat(pending.connectedButNotAccepted(later, 300_000_000L, socket -> socket == 7)).isEqualTo(1);
        assertThat(failures).isEmpty();
        assertThat(pending.size()).as("counting takes nothing").isEqualTo(2);
    }
}
