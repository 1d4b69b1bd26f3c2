package dev.inlet.hls;

import dev.inlet.core.LiveStream;
import dev.inlet.text.LogText;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.ReadRequest;
import dev.inlet.core.Reading;
import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamNotFoundException;
import dev.inlet.media.TrackInfo;
import dev.inlet.media.fmp4.InitSegment;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HLS side of every live stream: one muxer per stream ({@link HlsMuxer}, a server reader of its hub) started by
 * the first request — or at once for every live stream with {@link HlsSettings#always()} — and the viewer sessions.
 * A muxer starts from the hub's catch-up (sequence headers and the cached GOP), so the first viewer gets a playable
 * segment at once; it stops when nobody has asked for it for {@link HlsSettings#idleTimeout()}, and is replaced when
 * its stream ended and a new publish began. A viewer that has not reloaded its playlist for
 * {@link HlsSettings#viewerTimeout()} leaves the sessions list. Memory: each window is bounded by its settings.
 */
public final class HlsStreams implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HlsStreams.class.getName());
    static final String PROTOCOL = "hls";
    private static final long SWEEP_MILLIS = 1_000;

    /** One stream's output as the servlet reads it. */
    public static final class Output {
        private final String stream;
        private final HlsMuxer muxer;
        private final AutoCloseable feed;
        private final String epoch = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
        private volatile long lastRequestNanos;

        private Output(String stream, HlsMuxer muxer, AutoCloseable feed, long now) {
            this.stream = stream;
            this.muxer = muxer;
            this.feed = feed;
            this.lastRequestNanos = now;
        }

        public HlsWindow window() {
            return muxer.window();
        }

        /** The latest init segment, or empty before the first fragment. */
        public Optional<InitSegment> init() {
            return Optional.ofNullable(muxer.latestInit());
        }

        /**
         * Names this muxer among the stream's outputs over time: segment numbers start again with every new output,
         * so URIs carry it ({@code ?v=}) and a cache never serves one output's segment for another's.
         */
        public String epoch() {
            return epoch;
        }

        long droppedFrames() {
            return muxer.droppedFrames();
        }

        long bytesMuxed() {
            return muxer.bytesMuxed();
        }

        boolean ended() {
            return !muxer.isOpen() || muxer.window().ended();
        }
    }

    private final StreamCore core;
    private final HlsSettings settings;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<String, Output> outputs = new ConcurrentHashMap<>();
    private final Map<String, HlsViewer> viewers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public HlsStreams(StreamCore core, HlsSettings settings, Clock clock, ThreadFactory threads) {
        this(core, settings, clock, System::nanoTime, threads);
    }

    HlsStreams(StreamCore core, HlsSettings settings, Clock clock, LongSupplier nanoTime, ThreadFactory threads) {
        this.core = core;
        this.settings = settings;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(threads);
        sweeper.scheduleWithFixedDelay(this::sweepSafely, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    public HlsSettings settings() {
        return settings;
    }

    /** Whether a stream not live here may be pulled from another node of the cluster. */
    public boolean canPullFromCluster() {
        return core.canPullFromCluster();
    }

    /** Pulls the stream from the node that publishes it; completes with whether it is live here now. */
    public java.util.concurrent.CompletionStage<Boolean> pullFromCluster(String stream) {
        return core.pullFromCluster(stream);
    }

    /**
     * The stream's HLS output, started now if it has none (or its last one ended); empty when the stream is not live.
     */
    public Optional<Output> output(String stream) {
        long now = nanoTime.getAsLong();
        Output current = outputs.get(stream);
        if (current != null && !current.ended()) {
            current.lastRequestNanos = now;
            return Optional.of(current);
        }
        if (!core.isLive(stream)) {
            return Optional.empty();
        }
        synchronized (this) {
            current = outputs.get(stream);
            if (current != null && !current.ended()) {
                current.lastRequestNanos = now;
                return Optional.of(current);
            }
            if (current != null) {
                stop(current, "its stream ended");
            }
            HlsMuxer muxer = new HlsMuxer(stream, new HlsWindow(settings.windowSettings(), clock), settings.partMs());
            AutoCloseable feed;
            try {
                feed = core.attachServerReader(stream, muxer.info(), muxer);
            } catch (StreamNotFoundException e) {
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot start the HLS output of " + LogText.of(stream), e);
                return Optional.empty();
            }
            Output started = new Output(stream, muxer, feed, now);
            outputs.put(stream, started);
            LOG.log(Level.FINE, "HLS output of {0} started", LogText.of(stream));
            return Optional.of(started);
        }
    }

    /** Frames per second of the stream's video, or 0 when unknown. */
    public double frameRate(String stream) {
        return core.tracks(stream).flatMap(tracks -> tracks.stream()
                        .filter(track -> track.type() == TrackInfo.Type.VIDEO && track.frameRate() > 0).findFirst())
                .map(TrackInfo::frameRate).orElse(0.0);
    }

    /** The multivariant playlist of an output whose first fragment exists; {@code mediaUri} relative to it. */
    public String multivariant(Output output, String mediaUri) {
        InitSegment init = output.init().orElseThrow(() -> new IllegalStateException("no media yet"));
        return MultivariantPlaylist.render(init, output.window().peakBitsPerSecond(), frameRate(output.stream), mediaUri);
    }

    /**
     * Admits a new viewer through the stream core (limits, token, authorisers, listing); completes with its session
     * id, which the viewer's playlist URIs carry, or exceptionally with the core's refusal.
     */
    public CompletionStage<String> admitViewer(String stream, String token, String remoteAddress, String userAgent) {
        String sessionId = "hls-" + UUID.randomUUID();
        PlayInfo info = new PlayInfo(remoteAddress, PROTOCOL, userAgent, stream);
        HlsViewer viewer = new HlsViewer(sessionId, info, nanoTime.getAsLong());
        viewers.put(sessionId, viewer);
        return core.admitViewer(new ReadRequest(PROTOCOL, stream, token, sessionId, info), viewer)
                .whenComplete((reading, failure) -> {
                    if (failure != null) {
                        viewers.remove(sessionId);
                    } else {
                        viewer.admitted(reading);
                    }
                })
                .thenApply(Reading::id);
    }

    /** What a playlist request's session is. */
    public enum Session {
        /** Open, of this stream: it stays alive. */
        OPEN,
        /** Kicked or ended a moment ago: refuse. */
        CLOSED,
        /** Expired or never issued: admit the client again. */
        UNKNOWN
    }

    /** A viewer's request of its stream's playlist; an open session stays alive. */
    public Session viewerSeen(String sessionId, String stream, long bytes) {
        HlsViewer viewer = sessionId == null ? null : viewers.get(sessionId);
        if (viewer == null || !viewer.stream().equals(stream)) {
            return Session.UNKNOWN;
        }
        if (!viewer.isOpen()) {
            return Session.CLOSED;
        }
        viewer.seen(nanoTime.getAsLong(), bytes);
        return Session.OPEN;
    }

    /** Whether a segment of the stream may be served with {@code token} (public stream, or a valid token). */
    public CompletionStage<Boolean> mayRead(String stream, String token) {
        return core.mayRead(stream, token);
    }

    /** Viewer sessions open now (all streams). */
    public int viewerCount() {
        return viewers.size();
    }

    /** Streams muxed now. */
    public int outputCount() {
        return outputs.size();
    }

    /** Media bytes held by every window. */
    public long bytesHeld() {
        long total = 0;
        for (Output output : outputs.values()) {
            total += output.window().bytesHeld();
        }
        return total;
    }

    /** Expires viewers and idle muxers; starts muxers of live streams with {@link HlsSettings#always()}. */
    void sweep() {
        long now = nanoTime.getAsLong();
        long viewerTimeout = settings.viewerTimeout().toNanos();
        for (HlsViewer viewer : List.copyOf(viewers.values())) {
            if (now - viewer.lastSeenNanos() > viewerTimeout) {
                // a closed (kicked) session is remembered as long, so that its next reload is refused
                viewers.remove(viewer.sessionId());
                if (viewer.isOpen()) {
                    viewer.end("no playlist request for " + settings.viewerTimeout().toSeconds() + " s");
                }
            }
        }
        long idle = settings.idleTimeout().toNanos();
        for (Output output : List.copyOf(outputs.values())) {
            if (output.ended()) {
                removeIfSame(output, "its stream ended");
            } else if (!settings.always() && now - output.lastRequestNanos > idle && !hasViewers(output.stream)) {
                removeIfSame(output, "no request for " + settings.idleTimeout().toSeconds() + " s");
            }
        }
        if (settings.always()) {
            for (LiveStream live : core.liveStreams()) {
                output(live.streamCode());
            }
        }
    }

    private boolean hasViewers(String stream) {
        for (HlsViewer viewer : viewers.values()) {
            if (viewer.stream().equals(stream)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void removeIfSame(Output output, String why) {
        if (outputs.remove(output.stream, output)) {
            stop(output, why);
        }
    }

    private void stop(Output output, String why) {
        try {
            output.feed.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing the HLS feed of " + LogText.of(output.stream) + " failed", e);
        }
        output.muxer.end(why);
        LOG.log(Level.FINE, "HLS output of {0} stopped: {1}", new Object[]{LogText.of(output.stream), why});
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HLS housekeeping failed; retried in a second", e);
        }
    }

    /** Stops every muxer and the housekeeping thread (joined, bounded), and ends every viewer session. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            if (!sweeper.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("HLS housekeeping thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Output output : List.copyOf(outputs.values())) {
                removeIfSame(output, "server stopping");
            }
        }
        for (HlsViewer viewer : List.copyOf(viewers.values())) {
            viewer.end("server stopping");
        }
        viewers.clear();
    }
}
