package dev.inlet.api.hls;

import dev.inlet.hls.HlsSettings;
import dev.inlet.hls.HlsStreams;
import dev.inlet.ingest.RtmpServer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The application's HLS: its settings from MicroProfile Config ({@code inlet.hls.part-ms} [200],
 * {@code inlet.hls.segment-ms} [2000], {@code inlet.hls.segments} [7], {@code inlet.hls.max-bytes-per-stream}
 * [64 MiB], {@code inlet.hls.always} [false], {@code inlet.hls.idle-seconds} [30]), the muxers and viewer sessions
 * of every stream, and the requests under {@code /live/<stream>/}. Started with the application (so that
 * {@code inlet.hls.always} muxes from the first publish), stopped and joined on undeploy.
 */
@ApplicationScoped
public class HlsService {

    @Inject
    RtmpServer server;
    @Inject
    Config config;
    @Inject
    ThreadFactory threadFactory;

    private HlsStreams streams;
    private HlsRequests requests;
    private boolean stopped;

    void onApplicationStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 2000)
                            @Initialized(ApplicationScoped.class) Object event) {
        start();
    }

    private synchronized HlsRequests start() {
        if (stopped) {
            throw new IllegalStateException("HLS has stopped: the application is being undeployed");
        }
        if (requests == null) {
            HlsSettings d = HlsSettings.DEFAULT;
            HlsSettings settings = new HlsSettings(
                    value("inlet.hls.part-ms", Long.class, d.partMs()),
                    value("inlet.hls.segment-ms", Long.class, d.segmentMs()),
                    value("inlet.hls.segments", Integer.class, d.segments()),
                    value("inlet.hls.max-bytes-per-stream", Long.class, d.maxBytesPerStream()),
                    d.maxWaiters(),
                    value("inlet.hls.always", Boolean.class, d.always()),
                    Duration.ofSeconds(value("inlet.hls.idle-seconds", Integer.class, (int) d.idleTimeout().toSeconds())),
                    d.viewerTimeout());
            streams = new HlsStreams(server.core(), settings, Clock.systemUTC(), threadFactory);
            requests = new HlsRequests(streams);
        }
        return requests;
    }

    public synchronized HlsStreams streams() {
        start();
        return streams;
    }

    /** Answers a request under {@code /live/<stream>/}. */
    public void serve(HttpServletRequest request, HttpServletResponse response, String stream, String name)
            throws IOException {
        start().handle(request, response, stream, name);
    }

    /** Streams muxed now; 0 once stopped. */
    public synchronized int outputCount() {
        return streams == null ? 0 : streams.outputCount();
    }

    /** Viewer sessions open now; 0 once stopped. */
    public synchronized int viewerCount() {
        return streams == null ? 0 : streams.viewerCount();
    }

    /** Media bytes the windows hold; 0 once stopped. */
    public synchronized long bytesHeld() {
        return streams == null ? 0 : streams.bytesHeld();
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (streams != null) {
            streams.close();
            streams = null;
            requests = null;
        }
    }

    private <T> T value(String key, Class<T> type, T fallback) {
        return config.getOptionalValue(key, type).orElse(fallback);
    }
}
