package dev.inlet.srt;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verdicts given in the handshake hook, waiting for {@code srt_accept} to hand out the same socket. An admitted
 * handshake can still fail afterwards (a wrong passphrase is checked after the hook), so entries also expire; the
 * listener counts them against its connection limit, which keeps this map bounded.
 */
final class PendingAdmissions {

    record Admitted(SrtVerdict.Accept verdict, InetSocketAddress peer, String streamId, long expiresAtNanos) {
    }

    private final Map<Integer, Admitted> bySocket = new ConcurrentHashMap<>();
    private final long ttlNanos;

    PendingAdmissions(long ttlNanos) {
        this.ttlNanos = ttlNanos;
    }

    void add(int socket, SrtVerdict.Accept verdict, InetSocketAddress peer, String streamId) {
        bySocket.put(socket, new Admitted(verdict, peer, streamId, System.nanoTime() + ttlNanos));
    }

    /** The verdict for an accepted socket, removed; null if the hook did not admit it (or it expired). */
    Admitted take(int socket) {
        return bySocket.remove(socket);
    }

    void expire(long nowNanos) {
        bySocket.values().removeIf(admitted -> nowNanos - admitted.expiresAtNanos() > 0);
    }

    int size() {
        return bySocket.size();
    }

    void clear() {
        bySocket.clear();
    }
}
