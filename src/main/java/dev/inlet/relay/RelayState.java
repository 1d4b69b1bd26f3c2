package dev.inlet.relay;

/** Where a relay stands. */
public enum RelayState {
    /** Not pushing: its stream is not live, or the relay is disabled. */
    IDLE,
    /** Connecting to the target, or publishing to it. */
    CONNECTING,
    /** Pushing the stream. */
    LIVE,
    /** The target refused or dropped the push; retried after a backoff. */
    FAILED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
