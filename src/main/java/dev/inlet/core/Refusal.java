package dev.inlet.core;

import java.util.Objects;

/**
 * Why the stream core refused a publisher or a reader, in terms every protocol can answer: RTMP maps it to a
 * {@code NetStream} status, HTTP to a status code, SRT to a reject reason.
 *
 * @param kind    what kind of refusal it is (decides the protocol's status)
 * @param counter the fixed metric label it is counted under (never peer-supplied text)
 * @param message what the client is told; may come from an authoriser, so adapters escape it
 */
public record Refusal(Kind kind, String counter, String message) {

    public enum Kind {
        /** The key or the stream does not exist (RTMP BadName / StreamNotFound, HTTP 404, SRT 1404). */
        NOT_FOUND,
        /** The input is already published (HTTP 409, SRT 1409). */
        CONFLICT,
        /** Not allowed: denied by an authoriser, a missing or bad token, a disabled stream, a blocked address (403). */
        FORBIDDEN,
        /** A player limit is reached (HTTP 503, SRT 1503). */
        LIMIT,
        /** Something the decision depends on is down (registry, authorisation): try again later (503). */
        UNAVAILABLE
    }

    public Refusal {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(counter);
        Objects.requireNonNull(message);
    }

    /**
     * A reader refused for its credentials (a private stream's play token missing, expired or not valid for it)
     * rather than by a decision about who it is: protocols that tell the two apart (SRT's 1401 and 1403) ask this.
     */
    public boolean playToken() {
        return RejectCounts.isPlayToken(counter);
    }

    /** This refusal as the exception an admission's future completes with. */
    public AdmissionRefusedException exception() {
        return new AdmissionRefusedException(this);
    }
}
