package dev.inlet.hub;

/**
 * A player attached to a {@link StreamHub}. Called on the publisher's thread: implementations
 * queue and return at once, they never block.
 */
public interface Subscriber {

    /** A frame to send. Returning false detaches the subscriber (its connection is gone). */
    boolean onFrame(MediaFrame frame);

    /** The publisher has gone; no more frames follow. */
    void onEnd(String reason);
}
