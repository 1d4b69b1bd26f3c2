package dev.inlet.cluster;

/**
 * Something a node must do because of a change made through another node's API.
 *
 * @param argument what the kind acts on: a session id ({@link Kind#KICK}), a stream code
 *                 ({@link Kind#DISCONNECT_STREAM}, {@link Kind#DISABLE_STREAM}, {@link Kind#ENABLE_STREAM}), an
 *                 address ({@link Kind#UNBLOCK}) or
 *                 {@code <stream>/<priority>/<key prefix>} ({@link Kind#DISCONNECT_KEY})
 * @param reason   what the disconnected peer and the log are told
 */
public record ClusterCommand(String id, Kind kind, String argument, String reason) {

    public enum Kind {
        /** Disconnect one session, publisher or player. */
        KICK,
        /** Disconnect the publisher of one key (revoked or rotated). */
        DISCONNECT_KEY,
        /** Disconnect every publisher of a stream (deleted). */
        DISCONNECT_STREAM,
        /** Refuse the stream's publishes and disconnect its publishers. */
        DISABLE_STREAM,
        /** Accept the stream's publishes again. */
        ENABLE_STREAM,
        /** Let an address publish again (the argument): an administrator lifted its shared block. */
        UNBLOCK
    }

    /** The argument of {@link Kind#DISCONNECT_KEY}. */
    public static String keyArgument(String streamCode, int priority, String keyPrefix) {
        return streamCode + "/" + priority + "/" + keyPrefix;
    }
}
