package dev.inlet.rtmp.session;

import dev.inlet.rtmp.amf.AmfLimits;

/**
 * Protocol parameters a server session announces and obeys.
 *
 * @param outgoingChunkSize  chunk size announced after connect (4096 keeps per-chunk overhead low)
 * @param windowAckSize      acknowledgement window announced to the peer
 * @param peerBandwidth      Set Peer Bandwidth value announced to the peer
 */
public record SessionSettings(int outgoingChunkSize, long windowAckSize, long peerBandwidth, AmfLimits amfLimits) {

    public static SessionSettings defaults() {
        return new SessionSettings(4096, 2_500_000, 2_500_000, AmfLimits.defaults());
    }
}
