package dev.inlet.ingest;

import dev.inlet.hub.MediaFrame;
import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.MediaFormatException;
import dev.inlet.rtmp.MessageTypes;

/**
 * Turns a publisher's message body into the hub frame players receive: flags a decoder can start from (key frames,
 * sequence headers of every codec, legacy and Enhanced RTMP) and, for an Enhanced RTMP v2 multitrack message, adds
 * its default track as a single-track tag beside the message itself: players that negotiated multitrack get every
 * track, the others the default one and nothing of a message without it.
 */
final class IngestFrames {

    /** The track single-track players get from a multitrack publish (a message without it gives them nothing). */
    static final int DEFAULT_TRACK = 0;
    private static final byte[] ON_METADATA = {0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a'};

    private IngestFrames() {
    }

    /** The frame for a message body at {@code timestamp}. */
    static MediaFrame toFrame(int typeId, byte[] body, long timestamp) {
        try {
            return switch (typeId) {
                case MessageTypes.VIDEO -> video(body, timestamp);
                case MessageTypes.AUDIO -> audio(body, timestamp);
                default -> startsWith(body, ON_METADATA)
                        ? MediaFrame.metadata(timestamp, body)
                        : MediaFrame.data(timestamp, body);
            };
        } catch (MediaFormatException e) {
            // An unparseable tag is forwarded as it is; it just cannot start a GOP or be a config.
            return typeId == MessageTypes.VIDEO
                    ? MediaFrame.video(timestamp, body, false, false)
                    : MediaFrame.audio(timestamp, body, false);
        }
    }

    private static MediaFrame video(byte[] body, long timestamp) {
        FlvVideoTag tag = FlvVideoTag.parse(body);
        boolean keyframe = tag.isKeyframe() && tag.isCodedFrame();
        if (!tag.isMultitrack()) {
            return MediaFrame.video(timestamp, body, keyframe, tag.isSequenceHeader());
        }
        byte[] defaultTrack = tag.track(DEFAULT_TRACK).map(track -> tag.singleTrackBody(body, track)).orElse(null);
        return MediaFrame.multitrack(MediaFrame.Kind.VIDEO, timestamp, defaultTrack, body, keyframe,
                tag.isSequenceHeader());
    }

    private static MediaFrame audio(byte[] body, long timestamp) {
        FlvAudioTag tag = FlvAudioTag.parse(body);
        if (!tag.isMultitrack()) {
            return MediaFrame.audio(timestamp, body, tag.isSequenceHeader());
        }
        byte[] defaultTrack = tag.track(DEFAULT_TRACK).map(track -> tag.singleTrackBody(body, track)).orElse(null);
        return MediaFrame.multitrack(MediaFrame.Kind.AUDIO, timestamp, defaultTrack, body, false,
                tag.isSequenceHeader());
    }

    static boolean startsWith(byte[] body, byte[] prefix) {
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
}
