package dev.inlet.ingest;

import dev.inlet.hub.MediaFrame;
import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.TagTrack;
import dev.inlet.rtmp.MessageTypes;

import java.util.Optional;

/**
 * Turns a publisher's message body into the hub frame players receive: flags a decoder can start from (key frames,
 * sequence headers of every codec, legacy and Enhanced RTMP) and, for an Enhanced RTMP v2 multitrack message, keeps
 * only the default track as a single-track tag, so players that never negotiated multitrack still play.
 */
final class IngestFrames {

    /** The track players get from a multitrack publish (a message without it gives them nothing). */
    static final int DEFAULT_TRACK = 0;
    private static final byte[] ON_METADATA = {0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a'};

    private IngestFrames() {
    }

    /** The frame for a message body at {@code timestamp}; empty when a multitrack message lacks the default track. */
    static Optional<MediaFrame> toFrame(int typeId, byte[] body, long timestamp) {
        try {
            return switch (typeId) {
                case MessageTypes.VIDEO -> video(body, timestamp);
                case MessageTypes.AUDIO -> audio(body, timestamp);
                default -> Optional.of(startsWith(body, ON_METADATA)
                        ? MediaFrame.metadata(timestamp, body)
                        : MediaFrame.data(timestamp, body));
            };
        } catch (MediaFormatException e) {
            // An unparseable tag is forwarded as it is; it just cannot start a GOP or be a config.
            return Optional.of(typeId == MessageTypes.VIDEO
                    ? MediaFrame.video(timestamp, body, false, false)
                    : MediaFrame.audio(timestamp, body, false));
        }
    }

    private static Optional<MediaFrame> video(byte[] body, long timestamp) {
        FlvVideoTag tag = FlvVideoTag.parse(body);
        byte[] forwarded = body;
        if (tag.isMultitrack()) {
            Optional<TagTrack> track = defaultTrack(tag.tracks());
            if (track.isEmpty()) {
                return Optional.empty();
            }
            forwarded = tag.singleTrackBody(body, track.get());
        }
        return Optional.of(MediaFrame.video(timestamp, forwarded, tag.isKeyframe() && tag.isCodedFrame(),
                tag.isSequenceHeader()));
    }

    private static Optional<MediaFrame> audio(byte[] body, long timestamp) {
        FlvAudioTag tag = FlvAudioTag.parse(body);
        byte[] forwarded = body;
        if (tag.isMultitrack()) {
            Optional<TagTrack> track = defaultTrack(tag.tracks());
            if (track.isEmpty()) {
                return Optional.empty();
            }
            forwarded = tag.singleTrackBody(body, track.get());
        }
        return Optional.of(MediaFrame.audio(timestamp, forwarded, tag.isSequenceHeader()));
    }

    private static Optional<TagTrack> defaultTrack(java.util.List<TagTrack> tracks) {
        return tracks.stream().filter(track -> track.trackId() == DEFAULT_TRACK).findFirst();
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
