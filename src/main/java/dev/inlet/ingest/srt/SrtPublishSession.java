package dev.inlet.ingest.srt;

import dev.inlet.core.Publication;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;
import dev.inlet.media.TsDemuxer;
import dev.inlet.srt.SrtConnection;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SRT side of one admitted publish, the counterpart of the RTMP {@code PublishSession}: the caller's MPEG-TS
 * goes through a {@link TsDemuxer} and {@link TsToFlv}, and every resulting tag reaches the stream core through the
 * same {@link Publication#onFrame} an RTMP message does, so hubs, GOP cache, players, events and metrics see no
 * difference. Runs on the SRT listener's thread only.
 */
final class SrtPublishSession implements SrtConnection.Listener, TsToFlv.Output {

    private static final Logger LOG = Logger.getLogger(SrtPublishSession.class.getName());

    private final Publication publication;
    private final TsToFlv tags;
    private final TsDemuxer demuxer;

    /** @param source who publishes, for logs (already safe to log) */
    SrtPublishSession(Publication publication, String source) {
        this.publication = publication;
        this.tags = new TsToFlv(this, source);
        this.demuxer = new TsDemuxer(tags);
    }

    @Override
    public void onData(byte[] message, int length) {
        demuxer.feed(message, 0, length);
    }

    /**
     * SRT does not tell a caller that stopped from one that dropped, so the publish ends as a drop: players wait the
     * reconnect grace for the encoder to come back, as they would for an RTMP encoder that lost its connection.
     */
    @Override
    public void onClosed(String reason) {
        try {
            demuxer.flush();
            tags.finish();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "end of an SRT publish of " + publication.streamCode() + " not delivered", e);
        }
        TsDemuxer.Stats stats = demuxer.stats();
        if (stats.continuityErrors() > 0 || tags.droppedFrames() > 0) {
            LOG.log(Level.INFO, "SRT publish of {0}: {1} TS continuity errors, {2} frames dropped",
                    new Object[]{publication.streamCode(), stats.continuityErrors(), tags.droppedFrames()});
        }
        publication.end(reason == null ? "SRT connection closed" : reason, null);
    }

    @Override
    public void writeTag(int tagType, long timestampMs, byte[] body) {
        // The one parse of this tag, as for an RTMP message: the hub, the track panel and routing all read it.
        publication.onFrame(tagType, body.length, MediaFrame.parse(tagType, body, timestampMs));
    }

    @Override
    public boolean wantsPackets() {
        return publication.wantsMedia();
    }

    @Override
    public void packet(AVPacket packet) {
        publication.onPacket(packet);
    }
}
