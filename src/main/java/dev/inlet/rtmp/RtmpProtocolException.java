package dev.inlet.rtmp;

/**
 * The peer sent bytes that break the protocol or exceed a configured limit. It always costs
 * only the connection that caused it: the transport closes that connection and logs the reason.
 */
public class RtmpProtocolException extends RuntimeException {

    /** Why the connection is being closed; also the label of the per-reason counter. */
    public enum Reason {
        MALFORMED, LIMIT_EXCEEDED, HANDSHAKE_FAILED, UNSUPPORTED
    }

    private final Reason reason;

    public RtmpProtocolException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RtmpProtocolException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
