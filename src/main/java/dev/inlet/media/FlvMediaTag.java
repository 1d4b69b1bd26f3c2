package dev.inlet.media;

import java.util.List;
import java.util.Optional;

/**
 * An FLV audio or video tag body together with its header, read once where the message enters: everything after
 * the ingest (hub, track panel, AVPackets of media observers) reads this parse instead of the bytes again.
 * The body is the caller's array, shared, never copied or modified.
 */
public sealed interface FlvMediaTag permits FlvVideoTag, FlvAudioTag {

    /** The tag body this header was read from. */
    byte[] body();

    /** Where each track's codec data is in {@link #body()}; empty for video command frames. */
    List<TagTrack> tracks();

    default Optional<TagTrack> track(int trackId) {
        for (TagTrack track : tracks()) {
            if (track.trackId() == trackId) {
                return Optional.of(track);
            }
        }
        return Optional.empty();
    }

    /** The codec of {@code track} of this tag, if this package can decode it. */
    Optional<FrameKind> frameKind(TagTrack track);

    boolean isExHeader();

    boolean isMultitrack();

    /** A decoder configuration (sequence header / SequenceStart) of every track it carries. */
    boolean isSequenceHeader();

    boolean isCodedFrame();

    /** Coded media a decoder can start from: a video key frame (audio has none). */
    boolean startsDecoding();

    /** A single-track tag body carrying only {@code track}: what a player that did not negotiate multitrack gets. */
    byte[] singleTrackBody(TagTrack track);
}
