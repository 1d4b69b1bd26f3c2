package dev.inlet.core;

import dev.inlet.media.AVPacket;

/**
 * Observes every stream of the server (the CDI event layer implements it). Methods run on the
 * connection's read path and must return quickly; an exception is logged and otherwise ignored.
 */
public interface IngestListener {

    IngestListener NONE = new IngestListener() {
    };

    default void publisherConnected(PublisherView publisher) {
    }

    /** @param error null on a clean unpublish */
    default void publisherDisconnected(PublisherView publisher, String reason, Throwable error) {
    }

    /** One audio, video or data message from a publisher: the hot path. */
    default void packetReceived(String streamCode, int messageType, int bytes) {
    }

    /** Whether {@link #mediaReceived} should be fed (an AVPacket costs a copy per frame). */
    default boolean wantsMedia() {
        return false;
    }

    default void mediaReceived(String streamCode, AVPacket packet) {
    }

    default void streamStateChanged(String streamCode, StreamState from, StreamState to) {
    }

    default void inputSwitched(String streamCode, InputSwitch change) {
    }

    default void playerConnected(PlayerView player) {
    }

    default void playerDisconnected(PlayerView player, String reason) {
    }
}
