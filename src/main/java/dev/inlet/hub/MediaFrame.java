package dev.inlet.hub;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvMediaTag;
import dev.inlet.media.FlvToAvPacket;
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
 * <p>A frame made by {@link #parse} carries the parse of its tag ({@link #tag()}: codec, frame type, sequence
 * header, tracks and where their data is): it is read once, where it enters, and the hub's track panel, the decoder
 * set-up, the multitrack routing and the AVPackets of media observers all read that parse, never the bytes again.
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

    /** The track single-track players get from a multitrack publish (a message without it gives them nothing). */
    public static final int DEFAULT_TRACK = 0;
    private static final byte[] ON_METADATA = {0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a'};

    private final Kind kind;
    private final long timestamp;
    private final byte[] body;
    private final byte[] multitrackBody;
    private final boolean keyframe;
    /** The message's frame type is key: for a multitrack message, every track it carries starts here. */
    private final boolean messageKeyframe;
    private final boolean config;
    /** The parse of the published body, or null for metadata, data and bodies that were not (or could not be) read. */
    private final FlvMediaTag tag;
    private volatile Object wireEncoding;
    private volatile Object multitrackWireEncoding;

    /**
     * @param keyframe a video frame a decoder can start from
     * @param config   a sequence header (decoder configuration) rather than coded media
     */
    public MediaFrame(Kind kind, long timestamp, byte[] body, boolean keyframe, boolean config) {
        this(kind, timestamp, Objects.requireNonNull(body), null, keyframe, config, null);
    }

    private MediaFrame(Kind kind, long timestamp, byte[] body, byte[] multitrackBody, boolean keyframe,
                       boolean config, FlvMediaTag tag) {
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
        this.tag = tag;
    }

    /**
     * The frame of an FLV tag body (an RTMP message body) of type {@code tagType} (8 audio, 9 video, 18 data): its
     * header is read here, once, and kept with the frame. An Enhanced RTMP v2 multitrack message also gets its default
     * track as a single-track body. A tag whose header cannot be read is forwarded as it is; it just cannot start a
     * GOP or be a configuration.
     */
    public static MediaFrame parse(int tagType, byte[] body, long timestamp) {
        try {
            if (tagType == Kind.VIDEO.tagType) {
                return video(timestamp, FlvVideoTag.parse(body));
            }
            if (tagType == Kind.AUDIO.tagType) {
                return audio(timestamp, FlvAudioTag.parse(body));
            }
        } catch (MediaFormatException unreadable) {
            return tagType == Kind.VIDEO.tagType ? video(timestamp, body, false, false) : audio(timestamp, body, false);
        }
        return startsWith(body, ON_METADATA) ? metadata(timestamp, body) : data(timestamp, body);
    }

    /** The frame of a video tag read where it entered. */
    public static MediaFrame video(long timestamp, FlvVideoTag tag) {
        return fromTag(Kind.VIDEO, timestamp, tag);
    }

    /** The frame of an audio tag read where it entered. */
    public static MediaFrame audio(long timestamp, FlvAudioTag tag) {
        return fromTag(Kind.AUDIO, timestamp, tag);
    }

    private static MediaFrame fromTag(Kind kind, long timestamp, FlvMediaTag tag) {
        if (!tag.isMultitrack()) {
            return new MediaFrame(kind, timestamp, tag.body(), null, tag.startsDecoding(), tag.isSequenceHeader(), tag);
        }
        byte[] defaultTrack = tag.track(DEFAULT_TRACK).map(tag::singleTrackBody).orElse(null);
        // The message's frame type covers every track it carries; keyframe() is true only with the default track.
        return new MediaFrame(kind, timestamp, defaultTrack, tag.body(), tag.startsDecoding(), tag.isSequenceHeader(),
                tag);
    }

    /** This frame at another timestamp, with the same bodies, flags and parse (and fresh wire-encoding slots). */
    public MediaFrame at(long newTimestamp) {
        return new MediaFrame(kind, newTimestamp, body, multitrackBody, messageKeyframe, config, tag);
    }

    /**
     * A video frame whose body is not read here: the caller vouches for the flags. Such a frame has no
     * {@link #tag()}, so the track panel only counts its bytes and media observers get no packet from it.
     */
    public static MediaFrame video(long timestamp, byte[] body, boolean keyframe, boolean config) {
        return new MediaFrame(Kind.VIDEO, timestamp, body, keyframe, config);
    }

    /** An audio frame whose body is not read here (see {@link #video(long, byte[], boolean, boolean)}). */
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

    /** The tracks a multitrack message carries, from its parse; empty for a single-track one. */
    public List<TagTrack> tracks() {
        return multitrackBody == null || tag == null ? List.of() : tag.tracks();
    }

    /**
     * The parse of the body the publisher sent ({@link #multitrackBody()} if there is one, else {@link #body()}),
     * made once where the frame entered; null for metadata, data and bodies that could not be read.
     */
    public FlvMediaTag tag() {
        return tag;
    }

    /**
     * The default track of this frame as an {@link AVPacket} for media observers, converted from the parse made at
     * ingest; null when it yields none (metadata, data, sequence headers, no default track, an unreadable tag).
     * {@code packets} is the publish's converter: it keeps the codec configurations its frames need.
     *
     * @throws MediaFormatException if the codec data inside the tag is malformed
     */
    public AVPacket avPacket(FlvToAvPacket packets) {
        if (tag instanceof FlvVideoTag video) {
            return packets.video(video, timestamp);
        }
        if (tag instanceof FlvAudioTag audio) {
            return packets.audio(audio, timestamp);
        }
        return null;
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

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "MediaFrame[" + kind + " ts=" + timestamp + " len=" + (body == null ? "-" : body.length)
                + (multitrackBody != null ? " multitrack=" + multitrackBody.length : "") + (keyframe ? " key" : "")
                + (config ? " config" : "") + "]";
    }
}
