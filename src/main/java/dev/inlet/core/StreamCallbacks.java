package dev.inlet.core;

import dev.inlet.media.AVPacket;

/**
 * Per-stream observer of one publish session (the seed's callback set). Every method has a no-op
 * default, so an implementation overrides only what it needs.
 *
 * <p>The methods run on the publisher's read path: they must be cheap and must not block. An
 * exception thrown here is logged and otherwise ignored; it never disturbs ingest.
 */
public interface StreamCallbacks {

    /** The encoder finished the publish handshake (after {@code NetStream.Publish.Start}). */
    default void onConnect() {
    }

    /** An audio, video or data message arrived. */
    default void onPacket() {
    }

    /** The same message's payload size in bytes, for ingest byte counters. */
    default void onPacketBytes(int bytes) {
    }

    /** A media access unit; only converted when {@link #wantsMedia()} is true. */
    default void onMedia(AVPacket packet) {
    }

    /** Whether {@link #onMedia} should be fed (building AVPackets costs a copy per frame). */
    default boolean wantsMedia() {
        return false;
    }

    /** The publish ended; {@code error} is null on a clean unpublish. */
    default void onDisconnect(Throwable error) {
    }
}
