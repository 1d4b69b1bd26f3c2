package dev.inlet.srt;

import com.sun.jna.Pointer;
import dev.inlet.text.LogText;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code srt_listen_callback} of one listener: asks the {@link SrtAdmission} while the caller's handshake is in
 * progress, so a refused caller gets a reject reason instead of a connection that is dropped later.
 *
 * <p>It runs on libsrt's receiver thread and is native code's caller: nothing may escape it. JNA would hand an
 * exception to its default handler and return 0, which libsrt reads as "accept".
 */
final class HandshakeHook implements LibSrt.ListenCallback {

    private static final Logger LOG = Logger.getLogger(HandshakeHook.class.getName());
    private static final int REJECT = -1;
    private static final int ACCEPT = 0;
    private static final InetSocketAddress UNKNOWN_PEER = new InetSocketAddress(0);

    private final LibSrt srt;
    private final SrtAdmission admission;
    private final PendingAdmissions pending;
    private final BooleanSupplier full;
    private final BooleanSupplier accepting;
    private final AtomicLong rejected = new AtomicLong();
    /**
     * The application's class loader, for the callback's thread: libsrt's receiver thread is native, attached by
     * JNA without a context class loader, and container proxies (a CDI-injected registry the admission reaches)
     * need one — on Payara every SRT caller was refused with "Thread's context class loader is null".
     */
    private final ClassLoader applicationLoader;

    /**
     * @param full whether the listener is at its connection limit
     * @param accepting false once the listener is stopping
     */
    HandshakeHook(LibSrt srt, SrtAdmission admission, PendingAdmissions pending, BooleanSupplier full,
                  BooleanSupplier accepting) {
        this.srt = srt;
        this.admission = admission;
        this.pending = pending;
        this.full = full;
        this.accepting = accepting;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.applicationLoader = context != null ? context : HandshakeHook.class.getClassLoader();
    }

    @Override
    public int invoke(Pointer opaque, int newSocket, int handshakeVersion, Pointer peerAddress, Pointer streamId) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(applicationLoader);
        try {
            return decideSafely(newSocket, peerAddress, streamId);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private int decideSafely(int newSocket, Pointer peerAddress, Pointer streamId) {
        try {
            return decide(newSocket, SockAddr.decode(peerAddress).orElse(UNKNOWN_PEER),
                    streamId == null ? "" : streamId.getString(0, StandardCharsets.UTF_8.name()));
        } catch (Throwable e) {
            try {
                LOG.log(Level.WARNING, "SRT handshake hook failed; rejecting the caller", e);
                return reject(newSocket, SrtRejectReason.INTERNAL_ERROR);
            } catch (Throwable ignored) {
                return REJECT;
            }
        }
    }

    long rejectedCount() {
        return rejected.get();
    }

    private int decide(int socket, InetSocketAddress peer, String streamId) throws SrtException {
        if (!accepting.getAsBoolean()) {
            return reject(socket, SrtRejectReason.UNAVAILABLE);
        }
        if (full.getAsBoolean()) {
            log(peer, streamId, "connection limit reached");
            return reject(socket, SrtRejectReason.OVERLOAD);
        }
        SrtVerdict verdict;
        try {
            verdict = admission.decide(peer, streamId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SRT admission failed for " + peer + "; rejecting the caller", e);
            return reject(socket, SrtRejectReason.INTERNAL_ERROR);
        }
        if (verdict instanceof SrtVerdict.Accept accept) {
            // The hook is where libsrt lets the accepting side pick the key material of this one connection.
            if (accept.passphrase().isPresent()) {
                new SocketOptions(srt, socket).setString(LibSrt.SRTO_PASSPHRASE, "SRTO_PASSPHRASE",
                        accept.passphrase().get());
            }
            pending.add(socket, accept, peer, streamId);
            return ACCEPT;
        }
        SrtVerdict.Reject refusal = verdict == null
                ? new SrtVerdict.Reject(SrtRejectReason.INTERNAL_ERROR, "admission gave no verdict")
                : (SrtVerdict.Reject) verdict;
        log(peer, streamId, refusal.reason() + " (" + refusal.reason().code() + "): " + refusal.detail());
        return reject(socket, refusal.reason());
    }

    private int reject(int socket, SrtRejectReason reason) {
        rejected.incrementAndGet();
        srt.srt_setrejectreason(socket, reason.code());
        return REJECT;
    }

    private static void log(InetSocketAddress peer, String streamId, String why) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("SRT caller " + peer + " with stream id '" + LogText.of(streamId) + "' rejected: " + why);
        }
    }
}
