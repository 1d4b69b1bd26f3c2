package dev.inlet.srt;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verdicts given in the handshake hook, waiting for {@code srt_accept} to hand out the same socket. An admitted
 * handshake can still fail afterwards (a wrong passphrase is checked after the hook), and libsrt does not say so:
 * the listener asks, every few polls, whether each waiting socket is still alive, and expires what waits too long,
 * so whatever an admission claimed (an input, a reader slot) is given back within a poll, not at a deadline. The
 * listener counts these entries against its connection limit, which keeps this map bounded.
 */
final class PendingAdmissions {

    private static final Logger LOG = Logger.getLogger(PendingAdmissions.class.getName());

    record Admitted(SrtVerdict.Accept verdict, InetSocketAddress peer, String streamId, long admittedAtNanos,
                    long expiresAtNanos) {
    }

    /**
     * How long a socket libsrt does not know may still be on its way: libsrt registers the admitted socket only after
     * the rest of the handshake (key material included), so for a moment an admitted socket does not exist yet, and
     * one whose handshake failed never will.
     */
    static final long NOT_YET_REGISTERED_GRACE_NANOS = 1_000_000_000L;

    private final Map<Integer, Admitted> bySocket = new ConcurrentHashMap<>();
    private final long ttlNanos;

    PendingAdmissions(long ttlNanos) {
        this.ttlNanos = ttlNanos;
    }

    /**
     * Keeps the verdict for {@code socket} until it is accepted. libsrt may ask the hook again for a socket it asked
     * about already (a repeated handshake): the earlier verdict is then failed, so that what it holds (the caller's
     * connection slot) is given back rather than lost.
     */
    void add(int socket, SrtVerdict.Accept verdict, InetSocketAddress peer, String streamId) {
        long now = System.nanoTime();
        Admitted previous = bySocket.put(socket, new Admitted(verdict, peer, streamId, now, now + ttlNanos));
        if (previous != null) {
            notifyFailed(previous, "replaced by the caller's repeated handshake");
        }
    }

    /** The verdict for an accepted socket, removed; null if the hook did not admit it (or it expired). */
    Admitted take(int socket) {
        return bySocket.remove(socket);
    }

    /**
     * Forgets the handshakes that failed or waited past their time, and tells their handlers. A socket libsrt
     * {@code closed} failed; one libsrt does not know ({@code unknown}) failed once it has been admitted for longer
     * than {@link #NOT_YET_REGISTERED_GRACE_NANOS}.
     */
    void expire(long nowNanos, IntPredicate closed, IntPredicate unknown) {
        if (bySocket.isEmpty()) {
            return;
        }
        List<Map.Entry<Integer, String>> gone = new ArrayList<>();
        for (Map.Entry<Integer, Admitted> entry : bySocket.entrySet()) {
            boolean registrationOverdue = nowNanos - entry.getValue().admittedAtNanos() > NOT_YET_REGISTERED_GRACE_NANOS;
            if (closed.test(entry.getKey()) || registrationOverdue && unknown.test(entry.getKey())) {
                gone.add(Map.entry(entry.getKey(), "the SRT handshake failed after its admission"
                        + " (a wrong or missing passphrase, or the caller gave up)"));
            } else if (nowNanos - entry.getValue().expiresAtNanos() > 0) {
                gone.add(Map.entry(entry.getKey(), "the caller did not complete its SRT handshake"));
            }
        }
        for (Map.Entry<Integer, String> entry : gone) {
            Admitted admitted = bySocket.remove(entry.getKey());
            if (admitted != null) {
                notifyFailed(admitted, entry.getValue());
            }
        }
    }

    /**
     * How many admitted sockets, waiting longer than {@code minAgeNanos}, libsrt reports {@code connected}: their
     * handshake is complete, so they wait in the listener's queue for an accept the epoll should have reported.
     */
    int connectedButNotAccepted(long nowNanos, long minAgeNanos, IntPredicate connected) {
        int owed = 0;
        for (Map.Entry<Integer, Admitted> entry : bySocket.entrySet()) {
            if (nowNanos - entry.getValue().admittedAtNanos() > minAgeNanos && connected.test(entry.getKey())) {
                owed++;
            }
        }
        return owed;
    }

    int size() {
        return bySocket.size();
    }

    /** The listener stops: every waiting handshake fails. */
    void clear() {
        for (Integer socket : List.copyOf(bySocket.keySet())) {
            Admitted admitted = bySocket.remove(socket);
            if (admitted != null) {
                notifyFailed(admitted, "the SRT listener stopped");
            }
        }
    }

    private static void notifyFailed(Admitted admitted, String reason) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("SRT caller " + admitted.peer() + ": " + reason);
        }
        try {
            admitted.verdict().handler().handshakeFailed(reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handler of a failed SRT handshake from " + admitted.peer() + " failed", e);
        }
    }
}
