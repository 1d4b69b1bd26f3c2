package dev.inlet.edge;

import dev.inlet.core.EdgeInput;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.Timeline;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.session.ConnectRequest;
import dev.inlet.text.LogText;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pull of one stream from the node that publishes it: an RTMP play of {@code <stream>?edge=<proof>} on that
 * node, whose frames become an {@link EdgeInput} of the stream here. One connection at a time, on its own thread;
 * {@link #check} (once a period) decides whether to connect, to follow the stream to another node, or to stop.
 */
final class EdgePull {

    private static final Logger LOG = Logger.getLogger(EdgePull.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String streamCode;
    private final EdgePulls edge;
    private final List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
    // guarded by this
    private Origin origin;
    private RtmpClient client;
    private EdgeInput input;
    private Thread connection;
    /** Counts connections, so that the end of an old one never touches the state of the next. */
    private long generation;
    private long idleSince;
    private long retryAt;
    private Duration backoff = Duration.ofMillis(500);
    private boolean stopped;

    EdgePull(String streamCode, EdgePulls edge) {
        this.streamCode = streamCode;
        this.edge = edge;
    }

    String streamCode() {
        return streamCode;
    }

    /** The node pulled from while its frames arrive; empty while connecting, retrying or waiting for an origin. */
    synchronized Optional<Origin> origin() {
        return Optional.ofNullable(input != null && input.attached() ? origin : null);
    }

    /** Completes with true at the pull's first frame, false when it cannot start (or not within the start timeout). */
    synchronized CompletableFuture<Boolean> awaitLive() {
        if (stopped) {
            return null; // over and dropped: the caller starts a new pull
        }
        CompletableFuture<Boolean> live = new CompletableFuture<>();
        if (input != null && input.attached()) {
            live.complete(true);
            return live;
        }
        waiters.add(live);
        retryAt = 0; // a reader is waiting: no backoff
        live.completeOnTimeout(false, edge.settings().startTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    synchronized (this) {
                        waiters.remove(live);
                    }
                });
        return live;
    }

    /** The database could not say where the stream is: nothing changes, waiting readers are told no. */
    void originUnknown(Exception e) {
        LOG.log(Level.FINE, "edge pull of " + streamCode + ": cannot locate the stream now", e);
        synchronized (this) {
            if (input == null) {
                complete(false);
            }
        }
    }

    /**
     * One periodic check against where the database says the stream is now.
     *
     * @return false when this pull is over (stopped, or nothing left to serve), so it is dropped
     */
    synchronized boolean check(Optional<Origin> located, long now) {
        if (stopped) {
            return false;
        }
        int readers = edge.core().readersOf(streamCode) + waiters.size();
        if (readers > 0) {
            idleSince = 0;
        } else if (idleSince == 0) {
            idleSince = now;
        } else if (now - idleSince >= edge.settings().idleTimeout().toNanos()) {
            stop("no reader left for " + edge.settings().idleTimeout().toSeconds() + " s");
            return false;
        }
        if (located.isEmpty()) {
            if (input != null) {
                // The publisher left that node or moved here: readers wait the reconnect grace, for a new origin.
                disconnect("stream " + streamCode + " is no longer published on node " + origin.node(), false);
            }
            complete(false);
            // Kept while its readers wait the grace (the stream may appear on another node); else over.
            stopped = !(readers > 0 && edge.core().isLive(streamCode));
            return !stopped;
        }
        Origin next = located.get();
        if (input != null && next.equals(origin)) {
            return true; // connected, or connecting, to where the stream is
        }
        if (input != null) {
            disconnect("the stream's best input moved to node " + next.node(), false);
        }
        if (readers > 0 && now - retryAt >= 0) {
            connect(next);
        }
        return true;
    }

    /** Opens the input at once, so that {@code input != null} means a connection is open or being opened. */
    private void connect(Origin next) {
        origin = next;
        long mine = ++generation;
        EdgeInput opened = edge.core().openEdgeInput(streamCode, next.priority(), next.node());
        input = opened;
        connection = edge.threads().newThread(() -> run(next, opened, mine));
        connection.setName("inlet-edge-" + streamCode);
        connection.start();
    }

    /** Ends the current connection (if any); readers end at once with {@code clean}, else wait the grace. */
    private void disconnect(String reason, boolean clean) {
        generation++;
        RtmpClient open = client;
        client = null;
        EdgeInput ending = input;
        input = null;
        closeQuietly(open);
        if (ending != null) {
            ending.end(reason, clean);
        }
    }

    /** Stops the pull for good: its local readers end. */
    void stop(String reason) {
        Thread running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = connection;
            disconnect(reason, true);
            complete(false);
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(edge.settings().connectTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The connection's thread: connect, play, then watch the origin's statuses until the stream or link ends. */
    private void run(Origin from, EdgeInput into, long mine) {
        String reason = "the connection to node " + from.node() + " closed";
        boolean clean = false;
        RtmpClient opened = null;
        try {
            Timeline timeline = new Timeline();
            opened = RtmpClient.connect(from.host(), from.port(), "live", edge.settings().connectTimeout(),
                    message -> onMessage(message, timeline, into),
                    Map.of("capsEx", (double) ConnectRequest.CAPS_EX_MULTITRACK,
                            "fourCcList", List.of("avc1", "hvc1", "av01", "vp09", "Opus", "mp4a")));
            synchronized (this) {
                if (mine != generation) {
                    return;
                }
                client = opened;
            }
            int streamId = opened.createStream();
            RtmpStatus status = opened.play(streamId, streamCode + "?edge=" + edge.tokens().sign(streamCode, edge.node()));
            if (!NetStatus.PLAY_START.equals(status.code())) {
                throw new IOException("node " + from.node() + " refused the pull: " + status.code() + " "
                        + LogText.of(status.description()));
            }
            synchronized (this) {
                backoff = Duration.ofMillis(500);
            }
            LOG.log(Level.INFO, "stream {0}: pulling from node {1} at {2}:{3}",
                    new Object[]{streamCode, from.node(), from.host(), Integer.toString(from.port())});
            while (true) {
                CommandMessage command;
                try {
                    command = opened.awaitCommand(c -> "onStatus".equals(c.name()));
                } catch (EOFException closed) {
                    break;
                } catch (IOException quiet) {
                    synchronized (this) {
                        if (mine != generation) {
                            return;
                        }
                    }
                    continue; // no status within the timeout: the stream is still running
                }
                String code = NetStatus.codeOf(command.arguments().isEmpty() ? null : command.arguments().get(0));
                if (NetStatus.PLAY_STOP.equals(code) || NetStatus.PLAY_UNPUBLISH_NOTIFY.equals(code)) {
                    reason = "the stream ended on node " + from.node();
                    clean = true;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            reason = "pull from node " + from.node() + " at " + from.host() + ":" + from.port() + " failed: "
                    + LogText.of(e.getMessage());
            LOG.log(Level.WARNING, "stream {0}: {1}", new Object[]{streamCode, reason});
            edge.failed();
        } finally {
            closeQuietly(opened);
            ended(mine, reason, clean);
        }
    }

    private void ended(long mine, String reason, boolean clean) {
        synchronized (this) {
            if (mine != generation) {
                return; // disconnected on purpose: the state already moved on
            }
            generation++;
            client = null;
            EdgeInput ending = input;
            input = null;
            if (ending != null) {
                ending.end(reason, clean);
            }
            retryAt = edge.nanos() + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            complete(false);
        }
    }

    /** On the RTMP client's reading thread: one message of the origin becomes a frame of the pull's input. */
    private void onMessage(RtmpMessage message, Timeline timeline, EdgeInput into) {
        int type = message.typeId();
        if (type != MessageTypes.AUDIO && type != MessageTypes.VIDEO && type != MessageTypes.DATA_AMF0
                && type != MessageTypes.DATA_AMF3) {
            return;
        }
        byte[] body = message.payload();
        if (body.length == 0) {
            return;
        }
        try {
            boolean first = !into.attached();
            into.onFrame(MediaFrame.parse(type, body, timeline.map(message.timestamp())));
            if (first && into.attached()) {
                edge.later(() -> {
                    synchronized (this) {
                        complete(true);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "edge pull of " + streamCode + ": a message could not be read", e);
        }
    }

    /** Tells the readers waiting for the pull's start. Called with this locked. */
    private void complete(boolean live) {
        for (CompletableFuture<Boolean> waiter : List.copyOf(waiters)) {
            waiter.complete(live);
        }
        waiters.clear();
    }

    private static void closeQuietly(RtmpClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing a socket that is gone
            }
        }
    }
}
