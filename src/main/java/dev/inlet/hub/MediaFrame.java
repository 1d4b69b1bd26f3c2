package dev.inlet.hub;

import java.util.Objects;

/**
 * One FLV-bodied message of a live stream as the hub keeps and forwards it. The body is shared by
 * every player and never modified after construction.
 *
 * <p>A frame also carries a slot for its wire encoding, filled by the transport the first time the
 * frame is sent, so that the same bytes go to every player ("encode once, send many").
 */
public final class MediaFrame {

    public enum Kind {
        AUDIO(8), VIDEO(9), METADATA(18), DATA(18);

        /** The FLV tag type and RTMP message type of this kind. */
        public final int tagType;

        Kind(int tagType) {
            this.tagType = tagType;
        }
    }

    private final Kind kind;
    private final long timestamp;
    private final byte[] body;
    private final boolean keyframe;
    private final boolean config;
    private volatile Object wireEncoding;

    /**
     * @param keyframe a video frame a decoder can start from
     * @param config   a sequence header (decoder configuration) rather than coded media
     */
    public MediaFrame(Kind kind, long timestamp, byte[] body, boolean keyframe, boolean config) {
        this.kind = Objects.requireNonNull(kind);
        this.timestamp = timestamp;
        this.body = Objects.requireNonNull(body);
        this.keyframe = keyframe;
        this.config = config;
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

    public Kind kind() {
        return kind;
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] body() {
        return body;
    }

    public boolean keyframe() {
        return keyframe;
    }

    public boolean config() {
        return config;
    }

    /** The transport's cached encoding of this frame, or null. */
    public Object wireEncoding() {
        return wireEncoding;
    }

    public void wireEncoding(Object encoding) {
        this.wireEncoding = encoding;
    }

    @Override
    public String toString() {
        return "MediaFrame[" + kind + " ts=" + timestamp + " len=" + body.length + (keyframe ? " key" : "")
                + (config ? " config" : "") + "]";
    }
}
