package dev.inlet.ingest.srt;

import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvMediaTag;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.FourCc;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.TagTrack;
import dev.inlet.media.TsMuxer;

import java.util.Locale;

/**
 * A stream's hub frames as MPEG-TS for one SRT reader, the counterpart of {@link TsToFlv}: sequence headers configure
 * a {@link TsMuxer} (avcC, hvcC, AudioSpecificConfig, OpusHead), coded frames become {@link AVPacket}s through a
 * {@link FlvToAvPacket} of the reader's own and are written; metadata and data messages have no place in a TS.
 * Of a multitrack stream the default track is muxed, as single-track players get it.
 *
 * <p>A codec the muxer cannot carry (VP9, AV1, MP3, the legacy FLV codecs) is not skipped: {@link #write} throws
 * {@link Uncarriable}, with the codec in its message, so that the reader is turned away (in its handshake) or ended
 * (when a failover brings the codec later) with that reason rather than sent a stream without its video or sound.
 * A malformed frame or sequence header from the publisher is dropped and counted; it does not end the reader.
 *
 * <p>Not thread-safe: one per reader, fed in the hub's order.
 */
final class FlvToTs {

    /** The stream has a track MPEG-TS cannot carry here; the message says which codec. */
    static final class Uncarriable extends Exception {
        Uncarriable(String message) {
            super(message);
        }
    }

    private final TsMuxer muxer;
    private final FlvToAvPacket packets = new FlvToAvPacket();
    private FrameKind video;
    private FrameKind audio;
    private long droppedFrames;

    FlvToTs(TsMuxer.Sink sink) {
        this.muxer = new TsMuxer(sink);
    }

    /**
     * Muxes one frame of the hub (catch-up or live), in the hub's order.
     *
     * @throws Uncarriable when the frame's codec cannot be carried in MPEG-TS here
     */
    void write(MediaFrame frame) throws Uncarriable {
        FlvMediaTag tag = frame.tag();
        if (tag == null || (frame.kind() != MediaFrame.Kind.VIDEO && frame.kind() != MediaFrame.Kind.AUDIO)) {
            return; // metadata, data, or a body that could not be read where it entered
        }
        if (tag instanceof FlvVideoTag videoTag && videoTag.isCommandFrame()) {
            return;
        }
        TagTrack track = tag.track(MediaFrame.DEFAULT_TRACK).orElse(null);
        if (track == null) {
            return; // a multitrack message without the default track
        }
        FrameKind kind = tag.frameKind(track).orElse(null);
        if (kind == null || !TsMuxer.canCarry(kind)) {
            throw new Uncarriable(describe(tag, track, kind));
        }
        if (tag.isSequenceHeader()) {
            configure(frame, tag, track, kind);
            return;
        }
        AVPacket packet;
        try {
            packet = frame.avPacket(packets);
        } catch (MediaFormatException malformed) {
            droppedFrames++;
            return;
        }
        if (packet == null || kind != (kind.isVideo() ? video : audio)) {
            return; // end of sequence, or a frame before its sequence header (no decoder could use it)
        }
        try {
            muxer.write(packet);
        } catch (MediaFormatException | IllegalStateException unfit) {
            droppedFrames++;
        }
    }

    private void configure(MediaFrame frame, FlvMediaTag tag, TagTrack track, FrameKind kind) {
        if (track.length() == 0) {
            return;
        }
        try {
            muxer.configure(kind, track.data(tag.body()));
            frame.avPacket(packets); // the converter keeps the same configuration to split the frames that follow
        } catch (MediaFormatException malformed) {
            droppedFrames++;
            return;
        }
        if (kind.isVideo()) {
            video = kind;
        } else {
            audio = kind;
        }
    }

    /** Hands the packets written since the last full unit to the sink (the end of the stream). */
    void flush() {
        muxer.flush();
    }

    /** Whether the stream has a video track configured: its key frames are where a reader can start. */
    boolean hasVideo() {
        return video != null;
    }

    /** Frames and sequence headers dropped as malformed or unfit for their track. */
    long droppedFrames() {
        return droppedFrames;
    }

    private static String describe(FlvMediaTag tag, TagTrack track, FrameKind kind) {
        boolean isVideo = tag instanceof FlvVideoTag;
        String codec;
        if (kind != null) {
            codec = kind.name();
        } else if (tag.isExHeader()) {
            codec = "'" + FourCc.toString(track.fourCc()) + "'";
        } else if (tag instanceof FlvAudioTag audioTag) {
            codec = audioTag.codecName().toUpperCase(Locale.ROOT);
        } else {
            codec = "FLV codec " + ((FlvVideoTag) tag).codecId();
        }
        return "the stream's " + (isVideo ? "video" : "audio") + " is " + codec
                + ", which MPEG-TS over SRT cannot carry here (H.264 or H.265 video, AAC or Opus audio)";
    }
}
