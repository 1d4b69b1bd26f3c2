package dev.inlet.rtmp.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the flusher threads of {@link WriteMerging}: a connection with media pending asks once to be flushed;
 * a busy lane's round starts one merge window after the first request since its last round and flushes every
 * connection that asked meanwhile, so what arrives within a window leaves in one write; a quiet lane flushes
 * at once. The thread that hands media over (the publisher's fan-out) never writes to a socket.
 */
final class FlushScheduler {

    /** Something with bytes to write; {@link #flush()} runs on a flusher thread and must not throw. */
    interface Pending {
        /** Writes what is pending; returns how many messages that was. */
        int flush();
    }

    private static final long SECOND = 1_000_000_000L;

    private static final Logger LOG = Logger.getLogger(FlushScheduler.class.getName());

    private final Lane[] lanes;
    private final long windowNanos;
    private final int busyMessagesPerSecond;

    FlushScheduler(WriteMerging merging, ThreadFactory threads) {
        this.windowNanos = merging.window().toNanos();
        this.busyMessagesPerSecond = merging.busyMessagesPerSecond();
        this.lanes = new Lane[merging.threads()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(threads);
        }
    }

    void start() {
        for (Lane lane : lanes) {
            lane.thread.start();
        }
    }

    /** Stops the flushers; whatever is still pending is dropped with its connections. */
    void stop() {
        for (Lane lane : lanes) {
            lane.stopped = true;
            LockSupport.unpark(lane.thread);
        }
    }

    /** Asks for {@code pending} to be flushed in the lane chosen by {@code laneKey} (stable per connection). */
    void schedule(Pending pending, int laneKey) {
        lanes[Math.floorMod(laneKey, lanes.length)].add(pending);
    }

    private final class Lane implements Runnable {
        private final Thread thread;
        private final Object lock = new Object();
        private List<Pending> requested = new ArrayList<>();
        private List<Pending> flushing = new ArrayList<>();
        private volatile boolean idle;
        private volatile boolean stopped;
        /** When the oldest request of the coming round arrived; guarded by {@link #lock}. */
        private long firstRequestNanos;
        /** The flusher thread's own: messages written since {@link #rateSince}, and whether it merges. */
        private long messagesSince;
        private long rateSince = System.nanoTime();
        private boolean busy = busyMessagesPerSecond == 0;

        Lane(ThreadFactory threads) {
            this.thread = threads.newThread(this);
            this.thread.setDaemon(true);
        }

        void add(Pending pending) {
            synchronized (lock) {
                if (requested.isEmpty()) {
                    firstRequestNanos = System.nanoTime();
                }
                requested.add(pending);
            }
            if (idle) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!stopped) {
                if (!awaitRequests()) {
                    continue;
                }
                long firstRequest;
                synchronized (lock) {
                    firstRequest = firstRequestNanos;
                }
                long now = System.nanoTime();
                updateBusy(now);
                long wait = busy ? firstRequest + windowNanos - now : 0;
                if (wait > 0) {
                    // Requests arriving meanwhile join this round: that is the merging.
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                List<Pending> round;
                synchronized (lock) {
                    round = requested;
                    requested = flushing;
                    flushing = round;
                }
                for (int i = 0; i < round.size(); i++) {
                    messagesSince += flushQuietly(round.get(i));
                }
                round.clear();
            }
        }

        /** Once a second: whether the last second's messages make merging worth its latency. */
        private void updateBusy(long now) {
            long elapsed = now - rateSince;
            if (busyMessagesPerSecond == 0 || elapsed < SECOND) {
                return;
            }
            busy = messagesSince * SECOND / elapsed >= busyMessagesPerSecond;
            messagesSince = 0;
            rateSince = now;
        }

        /** Parks until something was requested; false when woken for another reason. */
        private boolean awaitRequests() {
            if (hasRequests()) {
                return true;
            }
            idle = true;
            try {
                if (!hasRequests() && !stopped) {
                    LockSupport.park(this);
                }
            } finally {
                idle = false;
            }
            return hasRequests();
        }

        private boolean hasRequests() {
            synchronized (lock) {
                return !requested.isEmpty();
            }
        }

        private int flushQuietly(Pending pending) {
            try {
                return pending.flush();
            } catch (RuntimeException e) {
                // One broken connection must not stop the flushing of all the others in its lane.
                LOG.log(Level.WARNING, "flushing a connection failed", e);
                return 0;
            }
        }
    }
}
