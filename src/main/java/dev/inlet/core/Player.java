package dev.inlet.core;

import dev.inlet.media.FlvTagSink;

/**
 * A connected player as a {@link PlayFunc} sees it: a sink for FLV tags (audio 8, video 9, script
 * data 18, timestamps in milliseconds) that can be ended. Wrap it in an
 * {@link dev.inlet.media.RtmpFrameWriter} to send access units instead of tags.
 */
public interface Player extends FlvTagSink {

    PlayInfo info();

    /** Whether the player is still connected. */
    boolean isOpen();

    /**
     * Sends a frame of a live stream. The default writes it as a tag, single-track (a multitrack message's default
     * track; nothing for a message without it); the RTMP player shares the frame's chunked bytes with every other
     * player instead of encoding them again, and gives players that negotiated multitrack every track.
     */
    default void writeFrame(dev.inlet.hub.MediaFrame frame) throws java.io.IOException {
        if (frame.body() != null) {
            writeTag(frame.kind().tagType, frame.timestamp(), frame.body());
        }
    }

    /** Whether this player gets every track of a multitrack stream (its connect negotiated Enhanced RTMP multitrack). */
    default boolean multitrack() {
        return false;
    }

    /** Bytes queued for this player and not yet written to its socket. */
    default long backlogBytes() {
        return 0;
    }

    /** Ends playback: the player is told the stream stopped, then disconnected. */
    void end(String reason);

    /** Payload bytes sent to this player so far (what administrators see). */
    default long bytesSent() {
        return 0;
    }

    /**
     * The link's statistics now, for transports that keep them (SRT readers); read when a listing or a metrics
     * poll asks. Must not throw.
     */
    default java.util.Optional<TransportStats> transportStats() {
        return java.util.Optional.empty();
    }

    /** Drops the player now (an administrator's kick): by default the same as {@link #end}. */
    default void disconnect(String reason) {
        end(reason);
    }
}
