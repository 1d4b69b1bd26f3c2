package dev.inlet.hub;

/** A player's attachment to a hub; cancelling detaches it. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    void cancel();

    @Override
    default void close() {
        cancel();
    }
}
