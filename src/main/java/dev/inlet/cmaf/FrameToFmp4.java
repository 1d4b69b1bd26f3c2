package dev.inlet.cmaf;

import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvMediaTag;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.TagTrack;
import dev.inlet.media.fmp4.Fmp4Muxer;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds the hub's frames (the default track, as parsed where they entered) to an {@link Fmp4Muxer}: sequence headers
 * configure its tracks, frames become samples. A track whose codec fragmented MP4 cannot carry here is left out and
 * counted; a malformed frame is dropped and counted; nothing of it reaches the publisher.
 */
public final class FrameToFmp4 {

    private static final Logger LOG = Logger.getLogger(FrameToFmp4.class.getName());

    private final Fmp4Muxer muxer;
    private final FlvToAvPacket packets = new FlvToAvPacket();
    private FrameKind video;
    private FrameKind audio;
    private long droppedFrames;
    private long uncarriedFrames;

    public FrameToFmp4(Fmp4Muxer muxer) {
        this.muxer = muxer;
    }

    public void write(MediaFrame frame) {
        FlvMediaTag tag = frame.tag();
        if (tag == null || (frame.kind() != MediaFrame.Kind.VIDEO && frame.kind() != MediaFrame.Kind.AUDIO)) {
            return; // metadata, data, or a body that could not be read where it entered
        }
        if (tag instanceof FlvVideoTag videoTag && videoTag.isCommandFrame()) {
            return;
        }
        TagTrack track = tag.track(MediaFrame.DEFAULT_TRACK).orElse(null);
        if (track == null) {
            return;
        }
        FrameKind kind = tag.frameKind(track).orElse(null);
        if (kind == null || !Fmp4Muxer.canCarry(kind)) {
            uncarriedFrames++;
            return;
        }
        try {
            if (tag.isSequenceHeader()) {
                if (track.length() == 0 && kind.isVideo()) {
                    muxer.announceVideo();
                } else if (track.length() > 0) {
                    muxer.configure(kind, track.data(tag.body()));
                    frame.avPacket(packets); // the converter keeps the configuration to split the frames after it
                    if (kind.isVideo()) {
                        video = kind;
                    } else {
                        audio = kind;
                    }
                }
                return;
            }
            AVPacket packet = frame.avPacket(packets);
            if (packet == null || kind != (kind.isVideo() ? video : audio)) {
                return; // end of sequence, or a frame before its sequence header
            }
            muxer.write(packet);
        } catch (MediaFormatException | IllegalStateException unfit) {
            // the first one says why, at a level an operator sees; the count is in the output's metrics
            LOG.log(droppedFrames == 0 ? Level.WARNING : Level.FINE, "the fMP4 muxer drops a " + kind + " frame it "
                    + "cannot carry (" + unfit.getMessage() + "); further drops are counted", unfit);
            droppedFrames++;
        }
    }

    public void flush() {
        muxer.flush();
    }

    public long droppedFrames() {
        return droppedFrames;
    }

    /** Frames of a codec this muxer does not carry (for example FLV's Sorenson video, MP3 audio). */
    public long uncarriedFrames() {
        return uncarriedFrames;
    }
}
