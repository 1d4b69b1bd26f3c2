package dev.inlet.ingest.srt;

import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.srt.SrtAdmission;
import dev.inlet.srt.SrtConnection;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.srt.SrtVerdict;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Counts SRT callers against the RTMP server's connection limits (in total and per address), so that an encoder
 * cannot open more connections by switching protocol. A caller takes a slot in its handshake, before the stream
 * core is asked; the slot is given back when its connection closes, when the handshake is rejected, or when an
 * accepted handshake never becomes a connection (wrong passphrase, caller gone, listener stopped: the listener tells
 * the handler). A caller over
 * a limit is rejected with {@link SrtRejectReason#OVERLOAD} and counted under the RTMP refusal's close reason.
 */
final class SharedConnectionLimit implements SrtAdmission {

    private final ConnectionAdmission admission;
    private final Consumer<String> countRefusal;
    private final SrtAdmission next;

    /**
     * @param countRefusal counts a refused caller under {@link ConnectionAdmission#TOO_MANY} or
     *        {@link ConnectionAdmission#TOO_MANY_FROM_IP} with the RTMP closes
     * @param next decides the callers within the limits
     */
    SharedConnectionLimit(ConnectionAdmission admission, Consumer<String> countRefusal, SrtAdmission next) {
        this.admission = admission;
        this.countRefusal = countRefusal;
        this.next = next;
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
        SrtVerdict.ConnectionHandler handler = accept.handler();
        return accept.withHandler(new SrtVerdict.ConnectionHandler() {
            @Override
            public SrtConnection.Listener connected(SrtConnection connection) {
                return slot.connected(connection, handler);
            }

            @Override
            public void handshakeFailed(String reason) {
                try {
                    handler.handshakeFailed(reason);
                } finally {
                    slot.release();
                }
            }
        });
    }

    /** One caller's place under the limits, given back exactly once. */
    private final class Slot {

        private final InetSocketAddress peer;
        /** Whether this slot is counted in the admission now; guarded by this. */
        private boolean held = true;

        Slot(InetSocketAddress peer) {
            this.peer = peer;
        }

        /** On the listener's thread: the connection holds the slot until it closes. */
        SrtConnection.Listener connected(SrtConnection connection, SrtVerdict.ConnectionHandler handler) {
            return releasingOnClose(handler.connected(connection));
        }

        void release() {
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
