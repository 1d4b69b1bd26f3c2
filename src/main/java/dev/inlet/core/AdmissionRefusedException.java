package dev.inlet.core;

/** Completes an admission that the stream core refused; carries the {@link Refusal}. */
public final class AdmissionRefusedException extends RuntimeException {

    private final transient Refusal refusal;

    public AdmissionRefusedException(Refusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The refusal behind {@code failure} (unwrapping completion wrappers), or null when it is not one. */
    public static Refusal of(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof AdmissionRefusedException refused) {
                return refused.refusal();
            }
            cause = cause.getCause();
        }
        return null;
    }
}
