package dev.inlet.ingest.srt;

import dev.inlet.core.AdmissionRefusedException;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.Refusal;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides SRT publishers in their handshake by asking the stream core, exactly as an RTMP publish is asked: the key
 * is the stream id's resource, and the core's refusal becomes the reject reason the caller's tools print. A stream
 * with its own passphrase (and key length) has it set on this one connection. The core
 * answers asynchronously (registry lease, authorisers), and libsrt's receiver thread waits for it at most
 * {@code bound} ({@link SrtAdmission#awaiting}); a later answer is undone.
 */
final class SrtPublishAdmission {

    private static final Logger LOG = Logger.getLogger(SrtPublishAdmission.class.getName());
    static final String PROTOCOL = "srt";

    private final StreamCore core;
    private final Duration bound;

    SrtPublishAdmission(StreamCore core, Duration bound) {
        this.core = core;
        this.bound = bound;
    }

    /** A caller whose stream id {@link SrtCallerAdmission} read as a publish. */
    SrtVerdict decide(InetSocketAddress peer, String rawStreamId, SrtStreamId streamId) {
        String address = SrtCallerAdmission.address(peer);
        SrtPublisher publisher = new SrtPublisher(core, "SRT caller " + address);
        PublishRequest request = new PublishRequest(PROTOCOL, streamId.resource(), PROTOCOL + "-" + UUID.randomUUID(),
                address, "", "", "SRT caller");
        CompletionStage<SrtVerdict> answer = core.admitPublisher(request, publisher)
                .thenCompose(publication -> SrtVerdicts.withStreamEncryption(core, publication.streamCode(),
                        () -> publication.end("the stream's SRT settings are unavailable", null),
                        encryption -> publisher.admitted(publication, encryption)))
                .handle((verdict, failure) -> failure == null ? verdict : rejection(failure, address));
        SrtVerdict verdict = SrtAdmission.awaiting((caller, id) -> answer, bound).decide(peer, rawStreamId);
        if (!(verdict instanceof SrtVerdict.Accept)) {
            publisher.abandon("the SRT handshake was rejected");
        }
        return verdict;
    }

    /** The core's refusal as the reject reason of SRT's access-control convention. */
    static SrtVerdict rejection(Throwable failure, String address) {
        Refusal refusal = AdmissionRefusedException.of(failure);
        if (refusal == null) {
            LOG.log(Level.WARNING, "SRT publish admission failed for " + address, failure);
            return SrtVerdict.reject(SrtRejectReason.INTERNAL_ERROR, "admission failed");
        }
        return SrtVerdict.reject(reasonOf(refusal.kind()), LogText.of(refusal.message()));
    }

    static SrtRejectReason reasonOf(Refusal.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> SrtRejectReason.NOT_FOUND;
            case CONFLICT -> SrtRejectReason.CONFLICT;
            case FORBIDDEN -> SrtRejectReason.FORBIDDEN;
            case LIMIT, UNAVAILABLE -> SrtRejectReason.UNAVAILABLE;
        };
    }
}
