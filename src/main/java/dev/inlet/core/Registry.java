package dev.inlet.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Maps secret stream keys to stream slots and enforces one active publisher per slot.
 * Implementations never keep or log a plaintext key.
 */
public interface Registry {

    /**
     * This node's name among the nodes sharing the registry's database, for the cluster's control plane; empty for a
     * registry that no other node can share.
     */
    default java.util.Optional<String> clusterNodeId() {
        return java.util.Optional.empty();
    }


    /** The slot {@code key} publishes to, without claiming it (pre-flight checks). */
    Optional<StreamSlot> lookup(String key);

    /**
     * Atomically checks that {@code key} is registered and its slot free, and claims the slot.
     *
     * @throws UnknownStreamKeyException    no enabled stream has this key
     * @throws StreamAlreadyActiveException another publisher holds the slot
     * @throws RegistryException            any other refusal a registry may give (stream disabled,
     *                                      registry unavailable); its message is safe to send to the encoder
     */
    Lease acquire(String key, String sessionId, String remoteAddress) throws RegistryException;

    /** Frees the slot so the next encoder can acquire it. Safe to call more than once. */
    void release(Lease lease);

    /**
     * {@link #acquire} without blocking the caller: a registry that does I/O completes the stage on
     * its own threads, so a slow database never stalls a transport thread. The stage fails with the
     * {@link RegistryException} that {@code acquire} would throw.
     */
    default CompletionStage<Lease> acquireAsync(String key, String sessionId, String remoteAddress) {
        try {
            return CompletableFuture.completedFuture(acquire(key, sessionId, remoteAddress));
        } catch (RegistryException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Installs the one listener told when a lease this server holds is taken away: by a newer
     * publisher (takeover), because the lease expired and another node claimed it, or because an
     * administrator removed the stream. The publisher behind the lease must then be disconnected.
     * The listener runs on a registry thread. Registries whose leases cannot be lost ignore it.
     */
    /**
     * Whether {@code streamCode}'s readers need a play token. May do I/O: the stream core calls it on its own
     * threads and keeps the answer for a few seconds. Unknown streams are public (nobody can publish them anyway).
     */
    default boolean isPlaybackPrivate(String streamCode) {
        return false;
    }

    /**
     * {@code streamCode}'s own encryption of SRT connections, {@link StreamEncryption#SERVER_DEFAULT} when it has
     * none (or is unknown). May do I/O: the stream core calls it on its own threads, once per SRT handshake, and
     * keeps no copy, so a changed passphrase applies to the next caller.
     */
    default StreamEncryption streamEncryption(String streamCode) {
        return StreamEncryption.SERVER_DEFAULT;
    }

    default void setLeaseLostListener(Consumer<Lease> listener) {
    }

    /** Whether the registry can serve publishes now (a database registry: schema ready and reachable). */
    default boolean isAvailable() {
        return true;
    }
}
