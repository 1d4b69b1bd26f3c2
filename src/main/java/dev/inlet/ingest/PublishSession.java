package dev.inlet.ingest;

import dev.inlet.core.Publication;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.Timeline;
import dev.inlet.rtmp.RtmpMessage;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTMP side of one admitted publish: turns the encoder's messages into frames on the publish's own timeline
 * and hands them to its {@link Publication} in the stream core.
 */
final class PublishSession {

    private static final Logger LOG = Logger.getLogger(PublishSession.class.getName());

    private final Publication publication;
    private final String remoteAddress;
    private final Timeline timeline = new Timeline();
    private FlvToAvPacket packets;

    PublishSession(Publication publication, String remoteAddress) {
        this.publication = publication;
        this.remoteAddress = remoteAddress;
    }

    /** An audio, video or data message from the encoder, on its read path. */
    void onMessage(RtmpMessage message) {
        byte[] body = message.payload();
        if (body.length == 0) {
            // some encoders send empty audio/video messages as keep-alives
            publication.onFrame(message.typeId(), 0, null);
            return;
        }
        // One timeline per publish: wrap, jumps and non-monotonic DTS are settled before anyone sees the frame.
        long timestamp = timeline.map(message.timestamp());
        // The one parse of this message: the hub, the track panel, routing and packets all read it.
        MediaFrame frame = MediaFrame.parse(message.typeId(), body, timestamp);
        publication.onFrame(message.typeId(), body.length, frame);
        // Media observers get the default track (the body single-track players get); other tracks are not decoded.
        if (publication.wantsMedia()) {
            AVPacket packet = toPacket(frame);
            if (packet != null) {
                publication.onPacket(packet);
            }
        }
    }

    /** Ends the publish in the core (players told, lease freed, observers). Idempotent. */
    void close(String reason, Throwable error) {
        publication.end(reason, error);
    }

    private AVPacket toPacket(MediaFrame frame) {
        if (packets == null) {
            packets = new FlvToAvPacket();
        }
        try {
            return frame.avPacket(packets); // null for metadata, data, sequence headers, a message without track 0
        } catch (MediaFormatException e) {
            LOG.log(Level.FINE, "unparseable media from " + remoteAddress, e);
            return null;
        }
    }
}
