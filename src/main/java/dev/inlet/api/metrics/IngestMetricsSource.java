package dev.inlet.api.metrics;

import dev.inlet.core.LiveStream;
import dev.inlet.core.PublisherView;
import dev.inlet.ingest.RtmpServer;

import java.util.List;
import java.util.Map;

/** What the meters read from the ingest, polled (never on the packet path). */
public interface IngestMetricsSource {

    /** Streams with a live publisher and their fan-out counters (which restart with each publish). */
    List<LiveStream> liveStreams();

    int publishers();

    /** Every live publisher; the SRT ones' transport statistics are read from them on each poll. */
    List<PublisherView> publisherViews();

    int players();

    /** Connections closed per reason since the transport started. */
    Map<String, Long> closeReasons();

    /** Connections closed since the transport started, per kind of close ({@code aborted}, {@code after_flush}). */
    Map<String, Long> closeKinds();

    /** Publishes and plays refused per reason. */
    Map<String, Long> rejectReasons();

    /** Bytes held now in RTMP messages and chunks still arriving (bounded by the server's memory budget). */
    long partialMessageBytes();

    static IngestMetricsSource of(RtmpServer server) {
        return new IngestMetricsSource() {
            @Override
            public List<LiveStream> liveStreams() {
                return server.liveStreams();
            }

            @Override
            public int publishers() {
                return server.publishers().size();
            }

            @Override
            public List<PublisherView> publisherViews() {
                return server.publishers();
            }

            @Override
            public int players() {
                return server.players().size();
            }

            @Override
            public Map<String, Long> closeReasons() {
                return server.closeReasons();
            }

            @Override
            public Map<String, Long> closeKinds() {
                return server.closeKinds();
            }

            @Override
            public Map<String, Long> rejectReasons() {
                return server.rejectReasons();
            }

            @Override
            public long partialMessageBytes() {
                return server.partialMessageBytes();
            }
        };
    }
}
