package dev.inlet.edge;

import dev.inlet.core.EdgeSource;
import dev.inlet.core.EdgeTokens;
import dev.inlet.core.StreamCore;
import dev.inlet.text.LogText;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Play anywhere in the cluster: a reader of a stream published on another node makes this node pull it once from
 * that node over RTMP ({@link EdgePull}), and every local reader is then served from this node's hub. Each pull is
 * checked once a period: it follows the stream when its best input moves to another node (or here), retries with
 * a backoff while the origin cannot be reached, and stops an idle timeout after its last local reader left.
 */
public final class EdgePulls implements EdgeSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EdgePulls.class.getName());

    private final StreamCore core;
    private final OriginLocator locator;
    private final EdgeTokens tokens;
    private final String node;
    private final EdgeSettings settings;
    private final ThreadFactory threads;
    private final LongSupplier nanoTime;
    private final Map<String, EdgePull> pulls = new ConcurrentHashMap<>();
    /** The periodic checks (which query the database) and the completion of waiting readers. */
    private final ScheduledThreadPoolExecutor timer;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    public EdgePulls(StreamCore core, OriginLocator locator, EdgeTokens tokens, String node, EdgeSettings settings,
                     ThreadFactory threads) {
        this(core, locator, tokens, node, settings, threads, System::nanoTime);
    }

    EdgePulls(StreamCore core, OriginLocator locator, EdgeTokens tokens, String node, EdgeSettings settings,
              ThreadFactory threads, LongSupplier nanoTime) {
        this.core = core;
        this.locator = locator;
        this.tokens = tokens;
        this.node = node;
        this.settings = settings;
        this.threads = threads;
        this.nanoTime = nanoTime;
        this.timer = new ScheduledThreadPoolExecutor(2, threads);
        timer.setRemoveOnCancelPolicy(true);
        long period = settings.checkPeriod().toMillis();
        timer.scheduleWithFixedDelay(this::checkAll, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<Boolean> pull(String streamCode) {
        if (closed) {
            return CompletableFuture.completedFuture(false);
        }
        EdgePull pull = pulls.computeIfAbsent(streamCode, code -> new EdgePull(code, this));
        CompletableFuture<Boolean> live = pull.awaitLive();
        while (live == null) { // it ended between the look-up and the wait: a new one takes its place
            pulls.remove(streamCode, pull);
            pull = pulls.computeIfAbsent(streamCode, code -> new EdgePull(code, this));
            live = pull.awaitLive();
        }
        EdgePull waitedFor = pull;
        try {
            timer.execute(() -> check(waitedFor)); // now, not at the next period: a reader is waiting
        } catch (RejectedExecutionException stopping) {
            live.complete(false);
        }
        return live;
    }

    /** The streams pulled now, each with the node it comes from (for the logs and tests). */
    public Map<String, String> pulledStreams() {
        Map<String, String> pulled = new java.util.TreeMap<>();
        pulls.forEach((code, pull) -> pull.origin().ifPresent(origin -> pulled.put(code, origin.node())));
        return pulled;
    }

    /** Streams pulled from another node now (their frames arrive). */
    public int pulledCount() {
        return pulledStreams().size();
    }

    /** Pulls that could not connect, were refused or broke, since start (each retry counts). */
    public long failures() {
        return failures.get();
    }

    void failed() {
        failures.incrementAndGet();
    }

    private void checkAll() {
        for (EdgePull pull : List.copyOf(pulls.values())) {
            check(pull);
        }
    }

    private void check(EdgePull pull) {
        if (closed) {
            return;
        }
        Optional<Origin> origin;
        try {
            origin = locator.locate(pull.streamCode());
        } catch (Exception e) {
            pull.originUnknown(e);
            return;
        }
        try {
            if (!pull.check(origin, nanoTime.getAsLong())) {
                pulls.remove(pull.streamCode(), pull);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "edge pull of " + LogText.of(pull.streamCode()) + " failed its check", e);
        }
    }

    StreamCore core() {
        return core;
    }

    EdgeTokens tokens() {
        return tokens;
    }

    String node() {
        return node;
    }

    EdgeSettings settings() {
        return settings;
    }

    ThreadFactory threads() {
        return threads;
    }

    long nanos() {
        return nanoTime.getAsLong();
    }

    /** Runs {@code task} on the edge's own threads (completing readers off the pull's reading thread). */
    void later(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException stopping) {
            task.run();
        }
    }

    /** Stops every pull (their local readers end) and the edge's threads. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        for (EdgePull pull : List.copyOf(pulls.values())) {
            pull.stop("the server is stopping");
        }
        pulls.clear();
        try {
            timer.awaitTermination(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
