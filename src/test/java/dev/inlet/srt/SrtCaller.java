package dev.inlet.srt;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A libsrt caller for tests outside this package: connects with a stream id and reads the reject code on the
 * caller's side (ffmpeg and srt-live-transmit print only "rejected", not the number), or stays connected and reads
 * what it is sent ({@link #read}).
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

    /**
     * Connects to {@code port} on loopback with {@code streamId} and stays connected, as a reader.
     *
     * @throws Rejected when the connection is refused ({@link Rejected#reason} has the reject code)
     * @throws SrtException when libsrt fails otherwise
     */
    public static Connection read(int port, String streamId) throws java.io.IOException {
        LibSrt srt = SrtTestSupport.library();
        srt.srt_startup();
        int socket = srt.srt_create_socket();
        try {
            new SocketOptions(srt, socket)
                    .setInt(LibSrt.SRTO_TRANSTYPE, "SRTO_TRANSTYPE", LibSrt.SRTT_LIVE)
                    .setString(LibSrt.SRTO_STREAMID, "SRTO_STREAMID", streamId);
            byte[] address = SockAddr.encode(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            if (srt.srt_connect(socket, address, address.length) == LibSrt.SRT_ERROR) {
                throw new Rejected(srt.srt_getrejectreason(socket), streamId);
            }
            new SocketOptions(srt, socket).setBoolean(LibSrt.SRTO_RCVSYN, "SRTO_RCVSYN", false);
            return new Connection(srt, socket);
        } catch (java.io.IOException | RuntimeException e) {
            srt.srt_close(socket);
            srt.srt_cleanup();
            throw e;
        }
    }

    /** A refused {@link #read}. */
    public static final class Rejected extends java.io.IOException {
        private final int reason;

        Rejected(int reason, String streamId) {
            super("connection with stream id '" + streamId + "' rejected: " + reason);
            this.reason = reason;
        }

        public int reason() {
            return reason;
        }
    }

    /** A connected caller; closing it closes the connection. */
    public static final class Connection implements AutoCloseable {
        private final LibSrt srt;
        private final int socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private boolean broken;
        private boolean closed;

        private Connection(LibSrt srt, int socket) {
            this.srt = srt;
            this.socket = socket;
        }

        /**
         * Reads for {@code wait}, or until {@code bytes} have arrived in all, or until the connection breaks.
         *
         * @return whether the connection is still up
         */
        public synchronized boolean receive(Duration wait, long bytes) {
            byte[] buffer = new byte[LibSrt.SRT_LIVE_MAX_PLSIZE];
            long end = System.nanoTime() + wait.toNanos();
            while (!broken && received.size() < bytes && System.nanoTime() - end < 0) {
                int length = srt.srt_recvmsg(socket, buffer, buffer.length);
                if (length > 0) {
                    received.write(buffer, 0, length);
                } else if (length == LibSrt.SRT_ERROR && srt.srt_getlasterror(null) != LibSrt.SRT_EASYNCRCV) {
                    broken = true;
                } else {
                    pause();
                }
            }
            return !broken;
        }

        /** Everything received so far. */
        public synchronized byte[] bytes() {
            return received.toByteArray();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                srt.srt_close(socket);
                srt.srt_cleanup();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
