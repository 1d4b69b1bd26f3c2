package dev.inlet.rtmp.transport;

/** How Inlet closed a connection (see {@link ConnectionCloser}); counted beside the reasons. */
public enum CloseKind {
    /** Queued bytes dropped, socket closed at once with a reset. */
    ABORTED,
    /** Closed after what was queued was written (a refusal or end status); a flush that timed out is aborted too. */
    AFTER_FLUSH;

    /** The metric tag: {@code aborted}, {@code after_flush}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
