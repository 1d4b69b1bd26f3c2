package dev.inlet.srt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact reject codes a caller receives, read on the caller's side through libsrt itself (ffmpeg 5.1 and
 * srt-live-transmit 1.5.1 print only "Application-defined rejection reason", not the number).
 */
class SrtRejectReasonTest {

    private final LibSrt srt = SrtTestSupport.library();
    private SrtListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
    }

    private int start(SrtListenerSettings settings, SrtAdmission admission) throws SrtException {
        listener = new SrtListener(srt, settings, admission, new SrtTestSupport.Threads());
        listener.start();
        return listener.port();
    }

    /** Connects as a caller with {@code streamId}; returns libsrt's reject reason, failing if it connected. */
    private int rejectionOf(int port, String streamId) throws SrtException {
        int socket = srt.srt_create_socket();
        try {
            new SocketOptions(srt, socket)
                    .setInt(LibSrt.SRTO_TRANSTYPE, "SRTO_TRANSTYPE", LibSrt.SRTT_LIVE)
                    .setString(LibSrt.SRTO_STREAMID, "SRTO_STREAMID", streamId);
            byte[] address = SockAddr.encode(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(srt.srt_connect(socket, address, address.length)).as("connect result").isEqualTo(-1);
            return srt.srt_getrejectreason(socket);
        } finally {
            srt.srt_close(socket);
        }
    }

    private static SrtVerdict admitOnly(String streamId, String wanted, SrtRejectReason otherwise) {
        return streamId.equals(wanted) ? SrtVerdict.accept(connection -> new SrtTestSupport.Collector())
                : SrtVerdict.reject(otherwise, "test");
    }

    @Test
    void theAdmissionsReasonReachesTheCaller() throws Exception {
        int port = start(SrtTestSupport.loopback(0), (peer, id) -> admitOnly(id, "none", SrtRejectReason.NOT_FOUND));
        assertThat(rejectionOf(port, "publish:wrong")).isEqualTo(1404);
    }

    @Test
    void aBusyInputIsAConflict() throws Exception {
        int port = start(SrtTestSupport.loopback(0), (peer, id) -> admitOnly(id, "none", SrtRejectReason.CONFLICT));
        assertThat(rejectionOf(port, "publish:busy")).isEqualTo(1409);
    }

    @Test
    void aThrowingAdmissionIsAnInternalError() throws Exception {
        int port = start(SrtTestSupport.loopback(0), (peer, id) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(rejectionOf(port, "publish:x")).isEqualTo(1500);
    }

    @Test
    void aLateAsynchronousAdmissionIsUnavailable() throws Exception {
        SrtAdmission late = SrtAdmission.awaiting((peer, id) -> new CompletableFuture<>(), Duration.ofMillis(50));
        int port = start(SrtTestSupport.loopback(0), late);
        assertThat(rejectionOf(port, "publish:x")).isEqualTo(1503);
    }

    @Test
    void aFailedAsynchronousAdmissionIsAnInternalError() throws Exception {
        SrtAdmission failing = SrtAdmission.awaiting(
                (peer, id) -> CompletableFuture.failedFuture(new IllegalStateException("down")), Duration.ofSeconds(1));
        int port = start(SrtTestSupport.loopback(0), failing);
        assertThat(rejectionOf(port, "publish:x")).isEqualTo(1500);
    }

    @Test
    void theAdmissionSeesThePeerAndTheRawStreamId() throws Exception {
        var seen = new java.util.concurrent.atomic.AtomicReference<String>();
        int port = start(SrtTestSupport.loopback(0), (peer, id) -> {
            seen.set(peer.getAddress().getHostAddress() + " " + id);
            return SrtVerdict.reject(SrtRejectReason.FORBIDDEN, "test");
        });
        assertThat(rejectionOf(port, "#!::r=live/k,m=publish")).isEqualTo(1403);
        assertThat(seen.get()).isEqualTo("127.0.0.1 #!::r=live/k,m=publish");
    }
}
