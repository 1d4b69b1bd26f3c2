package dev.inlet.relay;

import dev.inlet.core.PlayInfo;
import dev.inlet.core.Player;
import dev.inlet.hub.MediaFrame;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.text.LogText;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes one stream to one relay target (issue 16): a reader of the stream's hub, like a player, that republishes
 * what players see to the target over the project's RTMP client. The hub's frames are queued (on the publisher's
 * thread, never blocking it) and sent by the pusher's own thread, so a slow or stalled target holds back only itself:
 * past {@link #MAX_QUEUED_BYTES} the queue is dropped and sending resumes at the next key frame, as for a player that
 * fell behind; a target that takes nothing for {@link #STALL_TIMEOUT} is disconnected. Every (re)connection sends the
 * metadata and sequence headers first, then starts at a key frame; timestamps are the hub's, one timeline across
 * failovers and reconnections. A refused or dropped push is retried after a backoff that doubles from
 * {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}.
 */
final class RelayPusher implements Player {

    private static final Logger LOG = Logger.getLogger(RelayPusher.class.getName());
    static final long MAX_QUEUED_BYTES = 8L << 20;
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A push that stayed live this long starts the backoff from the beginning on its next failure. */
    private static final Duration STABLE = Duration.ofSeconds(30);
    private static final int HISTORY = 20;

    private final RelayTarget target;
    private final RelayUrl url;
    private final PlayInfo info;
    private final RelayListener listener;
    private final Clock clock;
    private final Thread thread;
    private final Duration firstBackoff;

    // guarded by this
    private final ArrayDeque<MediaFrame> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean open = true;
    private MediaFrame metadata;
    private MediaFrame videoHeader;
    private MediaFrame audioHeader;
    private boolean skipToKeyframe = true;
    private long lastProgressNanos = System.nanoTime();
    private RtmpClient client;
    private RelayState state = RelayState.IDLE;
    private String reason;
    private Instant retryAt;
    private Instant liveSince;
    private final List<RelayStatus.Change> history = new ArrayList<>();
    private long skippedFrames;

    private volatile long bytesSent;

    RelayPusher(RelayTarget target, RelayListener listener, Clock clock, ThreadFactory threads) {
        this(target, listener, clock, threads, FIRST_BACKOFF);
    }

    RelayPusher(RelayTarget target, RelayListener listener, Clock clock, ThreadFactory threads, Duration firstBackoff) {
        this.target = target;
        this.url = RelayUrl.parse(target.url());
        this.info = new PlayInfo("server", "relay", "Inlet relay to " + url, target.stream());
        this.listener = listener;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.thread = threads.newThread(this::run);
        thread.setName("inlet-relay-" + target.stream() + "-" + target.id().substring(0, 8));
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    RelayTarget target() {
        return target;
    }

    synchronized RelayStatus status() {
        long retry = retryAt == null ? 0 : Math.max(0, Duration.between(clock.instant(), retryAt).toSeconds());
        return new RelayStatus(target.id(), state, reason, state == RelayState.FAILED ? retry : 0, bytesSent,
                liveSince, List.copyOf(history));
    }

    synchronized long skippedFrames() {
        return skippedFrames;
    }

    /** Frame bytes waiting for the target. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /** On the publisher's thread: queue, never wait. */
    @Override
    public synchronized void writeFrame(MediaFrame frame) {
        if (!open || frame.body() == null) {
            return;
        }
        if (frame.kind() == MediaFrame.Kind.METADATA) {
            metadata = frame;
        } else if (frame.config()) {
            if (frame.kind() == MediaFrame.Kind.VIDEO) {
                videoHeader = frame;
            } else if (frame.kind() == MediaFrame.Kind.AUDIO) {
                audioHeader = frame;
            }
        }
        if (queuedBytes + frame.size() > MAX_QUEUED_BYTES && !frame.config()) {
            skippedFrames += queue.size();
            queue.clear();
            queuedBytes = 0;
            skipToKeyframe = true; // behind: the target resumes at the next key frame, with the headers again
            if (System.nanoTime() - lastProgressNanos > STALL_TIMEOUT.toNanos() && client != null) {
                closeQuietly(client); // it takes nothing: the sending thread fails and reconnects
            }
        }
        queue.add(frame);
        queuedBytes += frame.size();
        notifyAll();
    }

    @Override
    public void writeTag(int tagType, long timestamp, byte[] body) {
        writeFrame(MediaFrame.parse(tagType, body, timestamp));
    }

    /**
     * The stream ended (or the relay was disabled or deleted): the pusher's thread unpublishes and stops. Never waits
     * (the hub may call it on the publisher's thread); {@link #stop} also waits.
     */
    @Override
    public void end(String why) {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            notifyAll();
        }
        thread.interrupt();
        LOG.log(Level.FINE, "relay of {0} to {1} ends: {2}", new Object[]{target.stream(), url, why});
    }

    /**
     * Ends the relay and waits for its thread (bounded); a target that does not take the unpublish in time has its
     * connection closed under it.
     */
    void stop(String why, Duration wait) throws InterruptedException {
        end(why);
        thread.join(wait.toMillis());
        if (thread.isAlive()) {
            RtmpClient current;
            synchronized (this) {
                current = client;
            }
            if (current != null) {
                closeQuietly(current);
            }
            thread.join(wait.toMillis());
        }
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    private void run() {
        Duration backoff = firstBackoff;
        while (isOpen()) {
            Instant connected = null;
            try {
                change(RelayState.CONNECTING, null, null);
                RtmpClient connection = RtmpClient.connect(url.host(), url.port(), url.app(), CONNECT_TIMEOUT, null,
                        Map.of("fourCcList", List.of("hvc1", "av01", "vp09", "Opus")), url.tls());
                synchronized (this) {
                    if (!open) {
                        closeQuietly(connection);
                        break;
                    }
                    client = connection;
                }
                int streamId = connection.createStream();
                RtmpStatus status = connection.publish(streamId, target.key());
                if (!NetStatus.PUBLISH_START.equals(status.code())) {
                    throw new IOException("the target refused the publish: " + status.code() + " "
                            + LogText.of(status.description()));
                }
                connected = clock.instant();
                change(RelayState.LIVE, null, null);
                push(connection, streamId);
                if (!isOpen()) {
                    connection.unpublish(streamId, target.key());
                }
            } catch (IOException | RuntimeException e) {
                if (!isOpen()) {
                    break;
                }
                if (connected != null && Duration.between(connected, clock.instant()).compareTo(STABLE) > 0) {
                    backoff = firstBackoff;
                }
                String why = describe(e);
                LOG.log(Level.WARNING, "relay of {0} to {1} failed: {2}; retrying in {3} s",
                        new Object[]{target.stream(), url, why, backoff.toSeconds()});
                change(RelayState.FAILED, why, clock.instant().plus(backoff));
                if (!pause(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                RtmpClient last;
                synchronized (this) {
                    last = client;
                    client = null;
                }
                if (last != null) {
                    closeQuietly(last);
                }
            }
        }
        change(RelayState.IDLE, null, null);
    }

    /** Sends the headers, then frames from the next key frame on, until the relay ends or the connection fails. */
    private void push(RtmpClient connection, int streamId) throws IOException {
        synchronized (this) {
            // what waited while disconnected is stale: the target starts at the next live key frame
            skippedFrames += queue.size();
            queue.clear();
            queuedBytes = 0;
            skipToKeyframe = true;
            lastProgressNanos = System.nanoTime();
        }
        boolean headersSent = false;
        while (true) {
            MediaFrame frame;
            synchronized (this) {
                while (open && queue.isEmpty()) {
                    try {
                        wait(1_000);
                    } catch (InterruptedException e) {
                        return; // ended
                    }
                    if (connection.isClosedByServer()) {
                        IOException failure = connection.readFailure();
                        throw failure != null ? failure : new IOException("the target closed the connection");
                    }
                }
                if (!open) {
                    return;
                }
                frame = queue.poll();
                queuedBytes -= frame.size();
                if (skipToKeyframe) {
                    boolean start = frame.kind() == MediaFrame.Kind.VIDEO ? frame.keyframe() && !frame.config()
                            : videoHeader == null && frame.kind() == MediaFrame.Kind.AUDIO && !frame.config();
                    if (!start) {
                        if (!frame.config() && frame.kind() != MediaFrame.Kind.METADATA) {
                            skippedFrames++;
                        }
                        continue;
                    }
                    skipToKeyframe = false;
                    headersSent = false;
                }
            }
            if (!headersSent) {
                MediaFrame[] headers;
                synchronized (this) {
                    headers = new MediaFrame[]{metadata, videoHeader, audioHeader};
                }
                for (MediaFrame header : headers) {
                    if (header != null) {
                        send(connection, streamId, header, frame.timestamp());
                    }
                }
                headersSent = true;
            }
            if (frame.config() || frame.kind() == MediaFrame.Kind.METADATA) {
                continue; // the stored headers went first; a changed one was stored and goes with the next start
            }
            send(connection, streamId, frame, frame.timestamp());
        }
    }

    private void send(RtmpClient connection, int streamId, MediaFrame frame, long timestamp) throws IOException {
        connection.sendMedia(streamId, frame.kind().tagType, timestamp, frame.body());
        bytesSent += frame.body().length;
        synchronized (this) {
            lastProgressNanos = System.nanoTime();
        }
    }

    private boolean pause(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (open) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private void change(RelayState next, String why, Instant retry) {
        RelayStatus status;
        synchronized (this) {
            if (next == state && next != RelayState.FAILED) {
                return;
            }
            state = next;
            if (why != null) {
                reason = why;
            }
            retryAt = retry;
            liveSince = next == RelayState.LIVE ? clock.instant() : null;
            history.add(new RelayStatus.Change(clock.instant(), next, why));
            if (history.size() > HISTORY) {
                history.remove(0);
            }
            status = status();
        }
        try {
            listener.stateChanged(target, status);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a relay listener failed", e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return LogText.of(message);
    }

    private static void closeQuietly(RtmpClient connection) {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a connection that failed
        }
    }
}
