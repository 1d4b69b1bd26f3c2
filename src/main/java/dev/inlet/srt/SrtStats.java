package dev.inlet.srt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One connection's statistics from libsrt ({@code srt_bistats}, totals since connect plus instantaneous values).
 *
 * @param rttMillis smoothed round-trip time
 * @param packetsReceived data packets received, retransmissions included
 * @param packetsLost packets the receiver found missing (many are recovered by retransmission)
 * @param packetsRetransmitted packets the peer sent again ({@code pktRetransTotal} is the sender's count; for a
 *        receiving connection libsrt reports the received retransmissions in {@code pktRcvRetrans}, so both are kept)
 * @param packetsReceivedRetransmitted retransmitted packets received (an interval counter; Inlet never clears
 *        intervals, so it counts since connect)
 * @param packetsDropped packets given up on because they arrived too late to play
 * @param bytesReceived payload bytes received
 * @param receiveRateMbps current receiving rate
 * @param bandwidthMbps estimated link bandwidth
 * @param receiveBufferBytes bytes received but not yet delivered to Inlet
 * @param receiveBufferMillis the time span those bytes cover
 * @param latencyMillis the receiver latency (TSBPD delay) agreed in the handshake
 */
public record SrtStats(double rttMillis, long packetsReceived, long packetsLost, long packetsRetransmitted,
                       long packetsReceivedRetransmitted, long packetsDropped, long bytesReceived,
                       double receiveRateMbps, double bandwidthMbps, int receiveBufferBytes,
                       int receiveBufferMillis, int latencyMillis) {

    /*
     * Byte offsets in SRT_TRACEBSTATS (struct CBytePerfMon) of libsrt 1.5.1 on LP64 Linux (x86-64, aarch64), from
     * srt.h of v1.5.1 with C's natural alignment (checked against a C compiler). libsrt only appends fields, so the
     * offsets hold for every later 1.5.x.
     */
    static final int SIZE = 496;
    private static final int PKT_RECV_TOTAL = 16;          // int64_t pktRecvTotal
    private static final int PKT_RCV_LOSS_TOTAL = 28;      // int pktRcvLossTotal
    private static final int PKT_RETRANS_TOTAL = 32;       // int pktRetransTotal
    private static final int PKT_RCV_DROP_TOTAL = 68;      // int pktRcvDropTotal
    private static final int BYTE_RECV_TOTAL = 88;         // uint64_t byteRecvTotal
    private static final int PKT_RCV_RETRANS = 164;        // int pktRcvRetrans
    private static final int MBPS_RECV_RATE = 192;         // double mbpsRecvRate
    private static final int MS_RTT = 328;                 // double msRTT
    private static final int MBPS_BANDWIDTH = 336;         // double mbpsBandwidth
    private static final int BYTE_RCV_BUF = 384;           // int byteRcvBuf
    private static final int MS_RCV_BUF = 388;             // int msRcvBuf
    private static final int MS_RCV_TSBPD_DELAY = 392;     // int msRcvTsbPdDelay

    static SrtStats read(LibSrt srt, int socket) throws SrtException {
        try (Memory memory = new Memory(SIZE)) {
            memory.clear();
            if (srt.srt_bistats(socket, memory, 0, 1) == LibSrt.SRT_ERROR) {
                throw SrtException.lastError(srt, "srt_bistats");
            }
            return of(memory);
        }
    }

    static SrtStats of(Pointer stats) {
        return new SrtStats(stats.getDouble(MS_RTT), stats.getLong(PKT_RECV_TOTAL),
                stats.getInt(PKT_RCV_LOSS_TOTAL), stats.getInt(PKT_RETRANS_TOTAL), stats.getInt(PKT_RCV_RETRANS),
                stats.getInt(PKT_RCV_DROP_TOTAL), stats.getLong(BYTE_RECV_TOTAL), stats.getDouble(MBPS_RECV_RATE),
                stats.getDouble(MBPS_BANDWIDTH), stats.getInt(BYTE_RCV_BUF), stats.getInt(MS_RCV_BUF),
                stats.getInt(MS_RCV_TSBPD_DELAY));
    }
}
