package dev.inlet.ingest.srt;

import dev.inlet.core.AdmissionRefusedException;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.ReadRequest;
import dev.inlet.core.Refusal;
import dev.inlet.core.StreamCodes;
import dev.inlet.core.StreamCore;
import dev.inlet.srt.SrtAdmission;
import dev.inlet.srt.SrtRejectReason;
import dev.inlet.srt.SrtStreamId;
import dev.inlet.srt.SrtVerdict;
import dev.inlet.text.LogText;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides SRT readers ({@code m=request}, {@code read:<stream>}) in their handshake by asking the stream core, as an
 * RTMP or HTTP-FLV player is asked ({@link StreamCore#admitReader}): player limits, a private stream's play token
 * (the stream id's {@code t=} or {@code ?token=}), play authorisers and the on_play hook, then the stream's hub. The
 * core's refusal becomes the reject reason: a stream that is not live 1404, a play token missing, expired or not valid
 * for the stream 1401, any other refusal (authoriser, hook) 1403, a player limit 1402, an authority that is down 1503;
 * a stream whose codec MPEG-TS cannot carry is 1406 (see {@link SrtReader}). Like the publish admission it waits at
 * most {@code bound} through {@link SrtAdmission#awaiting}, and a later answer is undone.
 */
final class SrtReadAdmission {

    private static final Logger LOG = Logger.getLogger(SrtReadAdmission.class.getName());
    static final String PROTOCOL = "srt";
    /** What the sessions list shows as a reader's application and client, beside its protocol. */
    private static final String CLIENT = "SRT caller";

    private final StreamCore core;
    private final ScheduledExecutorService timers;
    private final Duration bound;
    private final Runnable countSlowPeer;

    SrtReadAdmission(StreamCore core, ScheduledExecutorService timers, Duration bound, Runnable countSlowPeer) {
        this.core = core;
        this.timers = timers;
        this.bound = bound;
        this.countSlowPeer = countSlowPeer;
    }

    /** A caller whose stream id {@link SrtCallerAdmission} read as a request. */
    SrtVerdict decide(InetSocketAddress peer, String rawStreamId, SrtStreamId streamId) {
        String stream = streamId.resource();
        // As HTTP-FLV answers 404 at once: outside a cluster, a stream not live costs no look-up (privacy) nor
        // authoriser; in one, the admission asks whether another node publishes it.
        if (!StreamCodes.isValid(stream) || (!core.isLive(stream) && !core.canPullFromCluster())) {
            return SrtVerdict.reject(SrtRejectReason.NOT_FOUND, "stream " + LogText.of(stream) + " is not live");
        }
        String address = SrtCallerAdmission.address(peer);
        PlayInfo info = new PlayInfo(address, PROTOCOL, CLIENT, stream);
        SrtReader reader = new SrtReader(info, timers, countSlowPeer);
        ReadRequest request = new ReadRequest(PROTOCOL, stream, streamId.token().orElse(null),
                PROTOCOL + "-" + UUID.randomUUID(), info);
        CompletionStage<SrtVerdict> answer = core.admitReader(request, reader)
                .thenCompose(reading -> SrtVerdicts.withStreamEncryption(core, stream,
                        () -> reading.close("the stream's SRT settings are unavailable"),
                        encryption -> reader.admitted(reading, encryption)))
                .handle((verdict, failure) -> failure == null ? verdict : rejection(failure, address));
        SrtVerdict verdict = SrtAdmission.awaiting((caller, id) -> answer, bound).decide(peer, rawStreamId);
        if (!(verdict instanceof SrtVerdict.Accept)) {
            reader.abandon("the SRT handshake was rejected");
        }
        return verdict;
    }

    /** The core's refusal of a reader as the reject reason of SRT's access-control convention. */
    static SrtVerdict rejection(Throwable failure, String address) {
        Refusal refusal = AdmissionRefusedException.of(failure);
        if (refusal == null) {
            LOG.log(Level.WARNING, "SRT read admission failed for " + address, failure);
            return SrtVerdict.reject(SrtRejectReason.INTERNAL_ERROR, "admission failed");
        }
        return SrtVerdict.reject(reasonOf(refusal), LogText.of(refusal.message()));
    }

    static SrtRejectReason reasonOf(Refusal refusal) {
        return switch (refusal.kind()) {
            case NOT_FOUND -> SrtRejectReason.NOT_FOUND;
            case CONFLICT -> SrtRejectReason.CONFLICT;
            case FORBIDDEN -> refusal.playToken() ? SrtRejectReason.UNAUTHORIZED : SrtRejectReason.FORBIDDEN;
            case LIMIT -> SrtRejectReason.OVERLOAD;
            case UNAVAILABLE -> SrtRejectReason.UNAVAILABLE;
        };
    }
}
