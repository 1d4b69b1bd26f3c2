package dev.inlet.core;

/**
 * Feeds one player. Called when a client plays {@code rtmp://host/app/<streamName>}; the default
 * subscribes the player to the stream's hub.
 */
@FunctionalInterface
public interface PlayFunc {

    /**
     * Starts feeding {@code player} (synchronously or from another thread) and returns a handle
     * that is closed when the player leaves.
     *
     * @throws StreamNotFoundException to refuse with {@code NetStream.Play.StreamNotFound}
     * @throws java.io.IOException       when feeding fails at once ({@code NetStream.Play.Failed})
     */
    AutoCloseable play(String streamName, PlayInfo info, Player player)
            throws StreamNotFoundException, java.io.IOException;
}
