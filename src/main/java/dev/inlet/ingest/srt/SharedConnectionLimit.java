package dev.inlet.ingest.srt;

import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.srt.SrtAdmission;
import dev.inlet.srt.SrtConnection;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.srt.SrtVerdict;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts SRT callers against the RTMP server's connection limits (in total and per address), so that an encoder
 * cannot open more connections by switching protocol. A caller takes a slot in its handshake, before the stream
 * core is asked; the slot is given back when its connection closes, when the handshake is rejected, or when an
 * accepted handshake never becomes a connection (wrong passphrase, caller gone) within the deadline. A caller over
 * a limit is rejected with {@link SrtRejectReason#OVERLOAD} and counted under the RTMP refusal's close reason.
 */
final class SharedConnectionLimit implements SrtAdmission {

    /** libsrt forgets an accepted handshake after 10 s; a slot it never turned into a connection is freed after. */
    static final Duration CONNECT_DEADLINE = SrtPublisher.CONNECT_DEADLINE.plusSeconds(1);

    private final ConnectionAdmission admission;
    private final Consumer<String> countRefusal;
    private final SrtAdmission next;
    private final ScheduledExecutorService timers;
    private final Set<Slot> awaitingConnection = ConcurrentHashMap.newKeySet();

    /**
     * @param countRefusal counts a refused caller under {@link ConnectionAdmission#TOO_MANY} or
     *        {@link ConnectionAdmission#TOO_MANY_FROM_IP} with the RTMP closes
     * @param next decides the callers within the limits
     */
    SharedConnectionLimit(ConnectionAdmission admission, Consumer<String> countRefusal, SrtAdmission next,
                          ScheduledExecutorService timers) {
        this.admission = admission;
        this.countRefusal = countRefusal;
        this.next = next;
        this.timers = timers;
    }

    @Override
    public SrtVerdict decide(InetSocketAddress peer, String streamId) {
        String refusal = admission.admit(peer.getAddress());
        if (refusal != null) {
            countRefusal.accept(refusal);
            return SrtVerdict.reject(SrtRejectReason.OVERLOAD, ConnectionAdmission.TOO_MANY.equals(refusal)
                    ? "more than " + admission.maxTotal() + " open connections"
                    : "more than " + admission.maxPerAddress() + " open connections from "
                    + peer.getAddress().getHostAddress());
        }
        Slot slot = new Slot(peer);
        SrtVerdict verdict;
        try {
            verdict = next.decide(peer, streamId);
        } catch (RuntimeException e) {
            slot.release();
            throw e; // the hook rejects it as an internal error
        }
        if (!(verdict instanceof SrtVerdict.Accept accept)) {
            slot.release();
            return verdict;
        }
        slot.awaitConnection();
        return new SrtVerdict.Accept(accept.passphrase(), connection -> slot.connected(connection, accept.handler()));
    }

    /** Frees the slots of handshakes still pending when the SRT listener stops (their deadlines will not run). */
    void releasePending() {
        for (Slot slot : awaitingConnection) {
            slot.release();
        }
    }

    /** One caller's place under the limits, given back exactly once. */
    private final class Slot {

        private final InetSocketAddress peer;
        /** Whether this slot is counted in the admission now; guarded by this. */
        private boolean held = true;
        private volatile ScheduledFuture<?> deadline;

        Slot(InetSocketAddress peer) {
            this.peer = peer;
        }

        void awaitConnection() {
            awaitingConnection.add(this);
            deadline = timers.schedule(this::release, CONNECT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** On the listener's thread: the connection holds the slot until it closes. */
        SrtConnection.Listener connected(SrtConnection connection, SrtVerdict.ConnectionHandler handler) {
            awaitingConnection.remove(this);
            ScheduledFuture<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
            boolean holds;
            synchronized (this) {
                if (!held) { // established only after its deadline freed the slot: it needs one again
                    held = admission.admit(peer.getAddress()) == null;
                }
                holds = held;
            }
            if (!holds) {
                connection.close("over the connection limit");
            }
            // The handler still sees the connection (closed or not), so that what it admitted is ended through it.
            return releasingOnClose(handler.connected(connection));
        }

        void release() {
            awaitingConnection.remove(this);
            synchronized (this) {
                if (!held) {
                    return;
                }
                held = false;
            }
            admission.release(peer.getAddress());
        }

        private SrtConnection.Listener releasingOnClose(SrtConnection.Listener listener) {
            return new SrtConnection.Listener() {
                @Override
                public void onData(byte[] message, int length) {
                    listener.onData(message, length);
                }

                @Override
                public void onClosed(String reason) {
                    try {
                        listener.onClosed(reason);
                    } finally {
                        release();
                    }
                }
            };
        }
    }
}
