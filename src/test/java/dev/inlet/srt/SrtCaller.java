package dev.inlet.srt;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A libsrt caller for tests outside this package: connects with a stream id and reads the reject code on the
 * caller's side (ffmpeg and srt-live-transmit print only "rejected", not the number).
 */
public final class SrtCaller {

    private SrtCaller() {
    }

    /** The reject reason libsrt reports after a refused connect to {@code port} on loopback; -1 if it connected. */
    public static int rejectionOf(int port, String streamId) throws SrtException {
        LibSrt srt = SrtTestSupport.library();
        srt.srt_startup();
        int socket = srt.srt_create_socket();
        try {
            new SocketOptions(srt, socket)
                    .setInt(LibSrt.SRTO_TRANSTYPE, "SRTO_TRANSTYPE", LibSrt.SRTT_LIVE)
                    .setString(LibSrt.SRTO_STREAMID, "SRTO_STREAMID", streamId);
            byte[] address = SockAddr.encode(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            if (srt.srt_connect(socket, address, address.length) != LibSrt.SRT_ERROR) {
                return -1;
            }
            return srt.srt_getrejectreason(socket);
        } finally {
            srt.srt_close(socket);
            srt.srt_cleanup();
        }
    }
}
