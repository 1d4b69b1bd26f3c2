package dev.inlet.hub;

/** A player's attachment to a hub; closing detaches it. */
public interface Subscription extends AutoCloseable {

    void cancel();

    /** Frames this subscriber did not get because it was behind. */
    long framesSkipped();

    @Override
    default void close() {
        cancel();
    }
}
