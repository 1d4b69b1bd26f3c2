package dev.inlet.hub;

import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.TagTrack;

import java.util.List;
import java.util.Objects;

/**
 * One FLV-bodied message of a live stream as the hub keeps and forwards it. The body is shared by
 * every player and never modified after construction.
 *
 * <p>A frame also carries a slot for its wire encoding, filled by the transport the first time the
 * frame is sent, so that the same bytes go to every player ("encode once, send many").
 *
 * <p>A frame from an Enhanced RTMP v2 multitrack message has two bodies: the message as the publisher sent it
 * ({@link #multitrackBody()}, for players that negotiated multitrack) and its default track as a single-track tag
 * ({@link #body()}, for every other player; null when the message did not carry the default track). Each body has
 * its own wire-encoding slot. The flags describe the default track, so a frame without it is never a keyframe:
 * only the default track decides where a GOP starts.
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
    private final byte[] multitrackBody;
    private final boolean keyframe;
    /** The message's frame type is key: for a multitrack message, every track it carries starts here. */
    private final boolean messageKeyframe;
    private final boolean config;
    private volatile Object wireEncoding;
    private volatile Object multitrackWireEncoding;
    /** The tracks of the multitrack body, read once on first use (every multitrack player's check needs them). */
    private volatile List<TagTrack> tracks;

    /**
     * @param keyframe a video frame a decoder can start from
     * @param config   a sequence header (decoder configuration) rather than coded media
     */
    public MediaFrame(Kind kind, long timestamp, byte[] body, boolean keyframe, boolean config) {
        this(kind, timestamp, Objects.requireNonNull(body), null, keyframe, config);
    }

    private MediaFrame(Kind kind, long timestamp, byte[] body, byte[] multitrackBody, boolean keyframe,
                       boolean config) {
        if (body == null && multitrackBody == null) {
            throw new NullPointerException("a frame needs a body");
        }
        this.kind = Objects.requireNonNull(kind);
        this.timestamp = timestamp;
        this.body = body;
        this.multitrackBody = multitrackBody;
        this.keyframe = body != null && keyframe;
        this.messageKeyframe = keyframe;
        this.config = config;
    }

    /**
     * A frame from an Enhanced RTMP v2 multitrack message (audio or video).
     *
     * @param defaultTrackBody the default track as a single-track tag, or null when the message lacks it
     * @param multitrackBody   the message body as the publisher sent it
     * @param keyframe         the message is a key frame (its frame type covers every track it carries); the
     *                         frame's {@link #keyframe()} is true only when the default track is among them
     */
    public static MediaFrame multitrack(Kind kind, long timestamp, byte[] defaultTrackBody, byte[] multitrackBody,
                                        boolean keyframe, boolean config) {
        if (kind != Kind.AUDIO && kind != Kind.VIDEO) {
            throw new IllegalArgumentException("only audio and video have tracks: " + kind);
        }
        return new MediaFrame(kind, timestamp, defaultTrackBody, Objects.requireNonNull(multitrackBody), keyframe,
                config);
    }

    /** This frame at another timestamp, with the same bodies and flags (and fresh wire-encoding slots). */
    public MediaFrame at(long newTimestamp) {
        return new MediaFrame(kind, newTimestamp, body, multitrackBody, messageKeyframe, config);
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

    /** What a player that did not negotiate multitrack receives; null when a multitrack message lacked the default track. */
    public byte[] body() {
        return body;
    }

    /** The Enhanced RTMP v2 multitrack message as the publisher sent it, or null for a single-track message. */
    public byte[] multitrackBody() {
        return multitrackBody;
    }

    /** The tracks a multitrack message carries; empty for a single-track one (or one that cannot be read again). */
    public List<TagTrack> tracks() {
        List<TagTrack> read = tracks;
        if (read == null) {
            read = multitrackBody == null ? List.of() : readTracks();
            tracks = read;
        }
        return read;
    }

    private List<TagTrack> readTracks() {
        try {
            return kind == Kind.VIDEO
                    ? FlvVideoTag.parse(multitrackBody).tracks()
                    : FlvAudioTag.parse(multitrackBody).tracks();
        } catch (MediaFormatException e) {
            return List.of(); // the ingest parsed it already
        }
    }

    /** The body for a player: the multitrack one if it negotiated multitrack and there is one; may be null (skip). */
    public byte[] bodyFor(boolean multitrackPlayer) {
        return multitrackPlayer && multitrackBody != null ? multitrackBody : body;
    }

    /** The bytes the publisher sent for this frame. */
    public int size() {
        return multitrackBody != null ? multitrackBody.length : body.length;
    }

    public boolean keyframe() {
        return keyframe;
    }

    /** Every track of the message (the default one or others) can be decoded from here on. */
    public boolean messageKeyframe() {
        return messageKeyframe;
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

    /** The transport's cached encoding of {@link #multitrackBody()}, or null. */
    public Object multitrackWireEncoding() {
        return multitrackWireEncoding;
    }

    public void multitrackWireEncoding(Object encoding) {
        this.multitrackWireEncoding = encoding;
    }

    @Override
    public String toString() {
        return "MediaFrame[" + kind + " ts=" + timestamp + " len=" + (body == null ? "-" : body.length)
                + (multitrackBody != null ? " multitrack=" + multitrackBody.length : "") + (keyframe ? " key" : "")
                + (config ? " config" : "") + "]";
    }
}
