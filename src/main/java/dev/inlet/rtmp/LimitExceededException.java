package dev.inlet.rtmp;

/**
 * A {@link RtmpProtocolException} of reason {@code LIMIT_EXCEEDED} that names which limit the peer hit, so the
 * close is counted under that name ({@code message_too_large}, {@code command_flood}, ...) rather than under
 * the one generic reason.
 */
public class LimitExceededException extends RtmpProtocolException {

    private final String limit;

    /** @param limit short snake_case name of the limit; the label of the per-reason close counter */
    public LimitExceededException(String limit, String message) {
        super(Reason.LIMIT_EXCEEDED, message);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
