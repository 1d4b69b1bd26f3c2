package dev.inlet.ingest.srt;

import dev.inlet.srt.InvalidStreamIdException;
import dev.inlet.srt.SrtAdmission;
import dev.inlet.srt.SrtStreamId;
import dev.inlet.srt.SrtVerdict;

import java.net.InetSocketAddress;

/**
 * The SRT listener's one admission: reads the caller's stream id and hands a publisher ({@code m=publish},
 * {@code publish:<key>}, a bare key) to {@link SrtPublishAdmission} and a reader ({@code m=request},
 * {@code read:<stream>}) to {@link SrtReadAdmission}. An unreadable stream id is a bad request (1400), an unknown
 * {@code m=} mode 1405.
 */
final class SrtCallerAdmission implements SrtAdmission {

    private final SrtPublishAdmission publishes;
    private final SrtReadAdmission reads;

    SrtCallerAdmission(SrtPublishAdmission publishes, SrtReadAdmission reads) {
        this.publishes = publishes;
        this.reads = reads;
    }

    @Override
    public SrtVerdict decide(InetSocketAddress peer, String rawStreamId) {
        SrtStreamId streamId;
        try {
            streamId = SrtStreamId.parse(rawStreamId);
        } catch (InvalidStreamIdException e) {
            return SrtVerdict.reject(e.rejectReason(), e.getMessage());
        }
        return streamId.mode() == SrtStreamId.Mode.REQUEST
                ? reads.decide(peer, rawStreamId, streamId)
                : publishes.decide(peer, rawStreamId, streamId);
    }

    /** "ip:port" of a caller, as the core lists it. */
    static String address(InetSocketAddress peer) {
        return peer.getAddress().getHostAddress() + ":" + peer.getPort();
    }
}
