package dev.inlet.hub;

/**
 * One FLV-bodied message of a live stream as the hub keeps and forwards it. The body is shared by
 * every player and never modified after construction.
 *
 * @param keyframe a video frame a decoder can start from
 * @param config   a sequence header (decoder configuration) rather than coded media
 */
public record MediaFrame(Kind kind, long timestamp, byte[] body, boolean keyframe, boolean config) {

    public enum Kind {
        AUDIO(8), VIDEO(9), METADATA(18), DATA(18);

        /** The FLV tag type and RTMP message type of this kind. */
        public final int tagType;

        Kind(int tagType) {
            this.tagType = tagType;
        }
    }

    public static MediaFrame video(long timestamp, byte[] body, boolean keyframe, boolean config) {
        return new MediaFrame(Kind.VIDEO, timestamp, body, keyframe, config);
    }

    public static MediaFrame audio(long timestamp, byte[] body, boolean config) {
        return new MediaFrame(Kind.AUDIO, timestamp, body, false, config);
    }

    public static MediaFrame metadata(long timestamp, byte[] body) {
        return new MediaFrame(Kind.METADATA, timestamp, body, false, true);
    }

    public static MediaFrame data(long timestamp, byte[] body) {
        return new MediaFrame(Kind.DATA, timestamp, body, false, false);
    }
}
