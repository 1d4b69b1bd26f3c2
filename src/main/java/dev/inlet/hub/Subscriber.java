package dev.inlet.hub;

/**
 * A player attached to a {@link StreamHub}. Called on the publisher's thread: implementations
 * queue and return at once, they never block.
 */
public interface Subscriber {

    /** A frame to send. Returning false detaches the subscriber (its connection is gone). */
    boolean onFrame(MediaFrame frame);

    /** The publisher has gone, or the hub gave up on this subscriber; no more frames follow. */
    void onEnd(String reason);

    /**
     * Whether this subscriber receives every track of an Enhanced RTMP multitrack stream: the hub then also holds
     * back each other track until that track's first key frame, as it does for the default one.
     */
    default boolean multitrack() {
        return false;
    }

    /** Bytes queued for this subscriber and not yet sent: what tells the hub it is falling behind. */
    default long backlogBytes() {
        return 0;
    }
}
