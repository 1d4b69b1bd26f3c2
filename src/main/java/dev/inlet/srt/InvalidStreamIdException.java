package dev.inlet.srt;

/** A caller's stream id that Inlet cannot read; the message is safe for logs (peer text passed through LogText). */
public final class InvalidStreamIdException extends Exception {

    private final SrtRejectReason rejectReason;

    InvalidStreamIdException(SrtRejectReason rejectReason, String message) {
        super(message, null, false, false);
        this.rejectReason = rejectReason;
    }

    /** What to answer in the handshake: {@link SrtRejectReason#BAD_REQUEST} or {@link SrtRejectReason#BAD_MODE}. */
    public SrtRejectReason rejectReason() {
        return rejectReason;
    }
}
