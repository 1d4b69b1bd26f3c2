package dev.inlet.srt;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Decides, during the SRT handshake, whether a caller is let in.
 *
 * <p><b>It must answer quickly.</b> libsrt calls it on the receiver thread of the listening UDP port, the thread that
 * also reads every data packet of every connection on that port: while it runs, no SRT connection of the port
 * receives anything. A decision from memory (a cached key lookup, a counter) is what belongs here.
 *
 * <p>The trade-off for an admission that is asynchronous by nature (a registry lease, an HTTP authoriser) is explicit
 * in {@link #awaiting}: it waits for the answer for a short, bounded time and rejects with
 * {@link SrtRejectReason#UNAVAILABLE} when the answer is late. Accepting first and deciding later would be
 * the alternative that never stalls the port, but then a refused caller is dropped after it was told "connected",
 * which encoders report as a network failure and retry forever; a rejection in the handshake is final and shows the
 * reason on the caller's side. So decisions stay in the handshake, and a slow authority costs at most the bound.
 */
@FunctionalInterface
public interface SrtAdmission {

    /**
     * @param peer the caller's address
     * @param streamId the caller's raw stream id, possibly empty ({@link SrtStreamId#parse} reads it); peer text,
     *        to be escaped for logs
     * @return the verdict; an exception counts as a rejection with {@link SrtRejectReason#INTERNAL_ERROR}
     */
    SrtVerdict decide(InetSocketAddress peer, String streamId);

    /**
     * An admission that asks an asynchronous one and waits at most {@code bound} for it (keep it well under the
     * caller's connect timeout, ~3 s by default, and as small as the authority allows: the port stalls meanwhile).
     */
    static SrtAdmission awaiting(BiFunction<InetSocketAddress, String, CompletionStage<SrtVerdict>> decision,
                                 Duration bound) {
        return (peer, streamId) -> {
            try {
                return decision.apply(peer, streamId).toCompletableFuture()
                        .get(bound.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return SrtVerdict.reject(SrtRejectReason.UNAVAILABLE,
                        "admission did not answer within " + bound.toMillis() + " ms");
            } catch (ExecutionException e) {
                return SrtVerdict.reject(SrtRejectReason.INTERNAL_ERROR, "admission failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SrtVerdict.reject(SrtRejectReason.UNAVAILABLE, "interrupted while deciding");
            }
        };
    }
}
