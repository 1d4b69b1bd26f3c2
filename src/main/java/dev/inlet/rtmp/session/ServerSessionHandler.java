package dev.inlet.rtmp.session;

import dev.inlet.rtmp.RtmpMessage;

/**
 * What the application decides for one RTMP connection. The protocol (replies, status messages,
 * control messages) is the session's job; the handler only decides and consumes media.
 * All methods are called on the connection's read path, one at a time, and must not block it.
 */
public interface ServerSessionHandler {

    /** Returns null to accept the connection, or the description to reject it with. */
    default String onConnect(ConnectRequest request) {
        return null;
    }

    void onPublish(PublishRequest request, Reply reply);

    void onPlay(PlayRequest request, Reply reply);

    /** Audio, video or data message (with {@code @setDataFrame} already stripped) on a publishing stream. */
    void onPublisherMessage(int streamId, RtmpMessage message);

    /** A publishing or playing stream ended by the client (FCUnpublish, closeStream, deleteStream). */
    void onStreamClosed(int streamId);

    default void onPause(int streamId, boolean paused) {
    }

    default void onReceiveFlags(int streamId, boolean receiveAudio, boolean receiveVideo) {
    }

    /** The connection is gone; {@code reason} says why, {@code cause} is null on a clean close. */
    void onDisconnect(String reason, Throwable cause);
}
