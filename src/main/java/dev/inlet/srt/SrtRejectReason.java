package dev.inlet.srt;

/**
 * The reject reasons Inlet sends back in the handshake: the predefined server codes of SRT's access-control
 * convention (1000 + HTTP-like status), which callers print with the rejection (ffmpeg and srt-live-transmit show the
 * number).
 */
public enum SrtRejectReason {
    /** The stream id cannot be parsed. */
    BAD_REQUEST(1400),
    /** The caller's credentials (a private stream's play token) are missing, expired or wrong. */
    UNAUTHORIZED(1401),
    /** Too many connections (in total or from this address), or the stream's or server's player limit. */
    OVERLOAD(1402),
    /** Refused for any other reason (blocked address, refused authorisation). */
    FORBIDDEN(1403),
    /** No such stream key or stream. */
    NOT_FOUND(1404),
    /** The {@code m=} mode is not one Inlet serves. */
    BAD_MODE(1405),
    /** The stream cannot be delivered in the form the caller gets (a codec MPEG-TS does not carry here). */
    UNACCEPTABLE(1406),
    /** The input is already being published. */
    CONFLICT(1409),
    /** An unexpected failure on the server's side. */
    INTERNAL_ERROR(1500),
    /** The service is not able to decide now (e.g. its admission did not answer in time). */
    UNAVAILABLE(1503);

    private final int code;

    SrtRejectReason(int code) {
        this.code = code;
    }

    /** The number given to {@code srt_setrejectreason}. */
    public int code() {
        return code;
    }
}
