package dev.inlet.bench;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.inlet.srt.LibSrt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One SRT caller in live mode that replays a {@link TsPacing} file in real time, starting at a given message so
 * that K streams do not send their key frames at the same moment. Not thread-safe: one pacing thread owns it.
 */
final class SrtSender implements AutoCloseable {

    /** Sender-side totals from {@code srt_bstats} (SRT_TRACEBSTATS of libsrt 1.5, LP64 offsets). */
    record Totals(long packetsSent, long packetsRetransmitted, long packetsDropped, long bytesSent,
                  long bytesDropped, int packetsUnacknowledged, long acksReceived, long naksReceived) {
        static final int SIZE = 496;
        private static final int PKT_SENT_TOTAL = 8;        // int64_t pktSentTotal
        private static final int PKT_RETRANS_TOTAL = 32;    // int pktRetransTotal
        private static final int PKT_RECV_ACK_TOTAL = 40;  // int pktRecvACKTotal
        private static final int PKT_RECV_NAK_TOTAL = 48;  // int pktRecvNAKTotal
        private static final int PKT_SND_DROP_TOTAL = 64;   // int pktSndDropTotal
        private static final int BYTE_SENT_TOTAL = 80;      // uint64_t byteSentTotal
        private static final int BYTE_SND_DROP_TOTAL = 112; // uint64_t byteSndDropTotal
        private static final int PKT_SND_BUF = 364;         // int pktSndBuf: sent, not yet acknowledged

        static Totals of(Memory stats) {
            return new Totals(stats.getLong(PKT_SENT_TOTAL), stats.getInt(PKT_RETRANS_TOTAL),
                    stats.getInt(PKT_SND_DROP_TOTAL), stats.getLong(BYTE_SENT_TOTAL),
                    stats.getLong(BYTE_SND_DROP_TOTAL), stats.getInt(PKT_SND_BUF), stats.getInt(PKT_RECV_ACK_TOTAL),
                    stats.getInt(PKT_RECV_NAK_TOTAL));
        }
    }

    private static final int AF_INET = 2;

    private final LibSrt srt;
    private final int socket;
    private final TsPacing file;
    private final long startNanos;
    private final long startOffsetNanos;
    private int next;
    private long loops;
    // written by the pacing thread only, read by the measuring thread
    private volatile long messagesSent;
    private volatile long bytesSent;
    private volatile long messagesRefused;
    private volatile long maxLagNanos;
    private volatile boolean lagResetRequested;
    private volatile String failure;

    private SrtSender(LibSrt srt, int socket, TsPacing file, int firstMessage, long startNanos) {
        this.srt = srt;
        this.socket = socket;
        this.file = file;
        this.next = firstMessage;
        this.startNanos = startNanos;
        this.startOffsetNanos = file.dueNanos(firstMessage);
    }

    /**
     * Connects from loopback port {@code localPort} (0: any) to {@code port} on loopback with {@code streamId}
     * (none when null) and a receiver latency of {@code latencyMillis}; the first message is due at
     * {@code startNanos}. Callers bound to the same local port share one libsrt multiplexer (one UDP socket, one
     * sending and one receiving thread), which keeps the load generator cheap next to the server it measures.
     */
    static SrtSender connect(LibSrt srt, int localPort, int port, String streamId, int latencyMillis, TsPacing file,
                             int firstMessage, long startNanos) throws IOException {
        int socket = srt.srt_create_socket();
        if (socket == LibSrt.SRT_INVALID_SOCK) {
            throw new IOException("srt_create_socket: " + srt.srt_getlasterror_str());
        }
        try {
            setInt(srt, socket, LibSrt.SRTO_TRANSTYPE, LibSrt.SRTT_LIVE, "SRTO_TRANSTYPE");
            setInt(srt, socket, LibSrt.SRTO_LATENCY, latencyMillis, "SRTO_LATENCY");
            if (streamId != null) {
                byte[] id = streamId.getBytes(StandardCharsets.UTF_8);
                if (srt.srt_setsockflag(socket, LibSrt.SRTO_STREAMID, id, id.length) == LibSrt.SRT_ERROR) {
                    throw new IOException("SRTO_STREAMID: " + srt.srt_getlasterror_str());
                }
            }
            byte[] local = loopback(localPort);
            if (srt.srt_bind(socket, local, local.length) == LibSrt.SRT_ERROR) {
                throw new IOException("bind to local port " + localPort + ": " + srt.srt_getlasterror_str());
            }
            byte[] address = loopback(port);
            if (srt.srt_connect(socket, address, address.length) == LibSrt.SRT_ERROR) {
                throw new IOException("connect to port " + port + " refused: " + srt.srt_getlasterror_str()
                        + " (reject reason " + srt.srt_getrejectreason(socket) + ")");
            }
            // a full send buffer must not stall the pacing thread's other streams: such a message is counted
            setInt(srt, socket, LibSrt.SRTO_SNDSYN, 0, "SRTO_SNDSYN");
            return new SrtSender(srt, socket, file, firstMessage, startNanos);
        } catch (IOException | RuntimeException e) {
            srt.srt_close(socket);
            throw e;
        }
    }

    /** The local UDP port this caller sends from. */
    int localPort() throws IOException {
        byte[] address = new byte[16];
        IntByReference length = new IntByReference(address.length);
        if (srt.srt_getsockname(socket, address, length) == LibSrt.SRT_ERROR) {
            throw new IOException("srt_getsockname: " + srt.srt_getlasterror_str());
        }
        return ((address[2] & 0xff) << 8) | (address[3] & 0xff);
    }

    /** When the next message is due, on the {@link System#nanoTime} clock. */
    long nextDueNanos() {
        return startNanos + loops * file.loopNanos() + file.dueNanos(next) - startOffsetNanos;
    }

    /** Sends every message due by {@code now}; false once the connection has failed. */
    boolean sendDue(long now) {
        if (failure != null) {
            return false;
        }
        if (lagResetRequested) {
            maxLagNanos = 0;
            lagResetRequested = false;
        }
        long due;
        while ((due = nextDueNanos()) <= now) {
            maxLagNanos = Math.max(maxLagNanos, now - due);
            byte[] message = file.message(next);
            int result = srt.srt_sendmsg(socket, message, message.length, -1, 0);
            if (result == LibSrt.SRT_ERROR) {
                int error = srt.srt_getlasterror(null);
                if (error != LibSrt.SRT_EASYNCSND) {
                    failure = "srt_sendmsg: " + srt.srt_getlasterror_str();
                    return false;
                }
                messagesRefused++;
            } else {
                messagesSent++;
                bytesSent += message.length;
            }
            if (++next == file.messageCount()) {
                next = 0;
                loops++;
            }
        }
        return true;
    }

    long messagesSent() {
        return messagesSent;
    }

    long bytesSent() {
        return bytesSent;
    }

    long messagesRefused() {
        return messagesRefused;
    }

    /** The latest any message left after it was due since the last reset. */
    long maxLagNanos() {
        return maxLagNanos;
    }

    /** Asks the pacing thread to start the lag over at its next turn. */
    void resetLag() {
        lagResetRequested = true;
    }

    String failure() {
        return failure;
    }

    Totals totals() throws IOException {
        try (Memory stats = new Memory(Totals.SIZE)) {
            stats.clear();
            if (srt.srt_bstats(socket, stats, 0) == LibSrt.SRT_ERROR) {
                throw new IOException("srt_bstats: " + srt.srt_getlasterror_str());
            }
            return Totals.of(stats);
        }
    }

    @Override
    public void close() {
        srt.srt_close(socket);
    }

    private static void setInt(LibSrt srt, int socket, int option, int value, String name) throws IOException {
        if (srt.srt_setsockflag(socket, option, new IntByReference(value), Integer.BYTES) == LibSrt.SRT_ERROR) {
            throw new IOException(name + ": " + srt.srt_getlasterror_str());
        }
    }

    /** {@code struct sockaddr_in} for 127.0.0.1:port: host-order family, network-order port and address. */
    static byte[] loopback(int port) {
        ByteBuffer address = ByteBuffer.allocate(16);
        address.order(ByteOrder.nativeOrder()).putShort((short) AF_INET);
        address.order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(new byte[]{127, 0, 0, 1});
        return address.array();
    }
}
