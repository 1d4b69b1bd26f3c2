package dev.inlet.relay;

import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamNotFoundException;
import dev.inlet.text.LogText;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's relays (issue 16, restream): when a stream goes live, a {@link RelayPusher} starts for each of its enabled
 * targets, as a reader of the stream's hub; the hub ends them when the stream ends. Relays push from the node whose
 * publisher feeds the stream's players (the active input's lease): in a cluster they stop on a node whose players move
 * to a pull of another node's input, and start on the node whose input takes over. Adding, enabling, disabling and removing a target of a
 * live stream starts or stops its pusher at once. Catalog look-ups run on one thread of their own, never on an ingest
 * thread.
 */
public final class Relays implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Relays.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private record Active(RelayPusher pusher, AutoCloseable feed) {
    }

    private final StreamCore core;
    private final RelayCatalog catalog;
    private final RelayListener listener;
    private final Clock clock;
    private final ThreadFactory threads;
    private final ExecutorService housekeeping;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Map<String, RelayStatus> last = new ConcurrentHashMap<>();
    private final Duration firstBackoff;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    public Relays(StreamCore core, RelayCatalog catalog, RelayListener listener, Clock clock, ThreadFactory threads) {
        this(core, catalog, listener, clock, threads, RelayPusher.FIRST_BACKOFF);
    }

    Relays(StreamCore core, RelayCatalog catalog, RelayListener listener, Clock clock, ThreadFactory threads,
           Duration firstBackoff) {
        this.core = core;
        this.catalog = catalog;
        this.listener = listener;
        this.clock = clock;
        this.threads = threads;
        this.firstBackoff = firstBackoff;
        this.housekeeping = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName("inlet-relays");
            return thread;
        });
    }

    /** Starts the relays of every stream that goes live from now on (and of those live already). */
    public void start() {
        // Relays push from the node whose publisher feeds the players: one node, whichever holds the active input.
        core.addActiveSourceObserver((stream, local) -> submit(() -> {
            if (local) {
                startRelays(stream);
            } else {
                stopRelays(stream, "the stream's active input is on another node, which relays it");
            }
        }));
        for (var live : core.liveStreams()) {
            submit(() -> startRelays(live.streamCode()));
        }
    }

    /** The stream's targets, each with its status. */
    public List<Map.Entry<RelayTarget, RelayStatus>> list(String stream) throws StreamNotFoundException {
        List<Map.Entry<RelayTarget, RelayStatus>> all = new ArrayList<>();
        for (RelayTarget target : catalog.targets(stream)) {
            all.add(Map.entry(target, status(target.id())));
        }
        return all;
    }

    public Optional<Map.Entry<RelayTarget, RelayStatus>> find(String stream, String id) {
        return catalog.find(stream, id).map(target -> Map.entry(target, status(id)));
    }

    /**
     * Adds a target; pushing starts at once when it is enabled and the stream is live.
     *
     * @throws IllegalArgumentException if the URL is not an RTMP or RTMPS URL, or the key is blank
     */
    public RelayTarget add(String stream, String url, String key, boolean enabled) throws StreamNotFoundException {
        RelayUrl parsed = RelayUrl.parse(url);
        if (key == null || key.isBlank() || key.length() > 500) {
            throw new IllegalArgumentException("a relay needs the target's stream key (1 to 500 characters)");
        }
        RelayTarget target = new RelayTarget(UUID.randomUUID().toString(), stream, parsed.toString(), key,
                RelayTarget.prefixOf(key), enabled, clock.instant());
        catalog.add(target);
        LOG.log(Level.INFO, "relay {0} of {1} to {2} added (key {3}…)",
                new Object[]{target.id(), LogText.of(stream), parsed, target.keyPrefix()});
        if (enabled) {
            submit(() -> startIfLive(target));
        }
        return target;
    }

    /** Enables or disables a target; empty if there is no such target. */
    public Optional<RelayTarget> setEnabled(String stream, String id, boolean enabled) {
        Optional<RelayTarget> changed = catalog.setEnabled(stream, id, enabled);
        changed.ifPresent(target -> submit(() -> {
            if (target.enabled()) {
                startIfLive(target);
            } else {
                stop(id, "disabled");
            }
        }));
        return changed;
    }

    public boolean remove(String stream, String id) {
        if (!catalog.remove(stream, id)) {
            return false;
        }
        submit(() -> {
            stop(id, "removed");
            last.remove(id);
        });
        return true;
    }

    public RelayStatus status(String targetId) {
        Active current = active.get(targetId);
        if (current != null) {
            return current.pusher().status();
        }
        return last.getOrDefault(targetId, RelayStatus.idle(targetId));
    }

    /** Pushers running now. */
    public int activeCount() {
        return active.size();
    }

    private void startRelays(String stream) {
        List<RelayTarget> targets;
        try {
            targets = catalog.targets(stream);
        } catch (StreamNotFoundException e) {
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the relay targets of " + LogText.of(stream) + "; not relaying it", e);
            return;
        }
        for (RelayTarget target : targets) {
            if (target.enabled()) {
                startIfLive(target);
            }
        }
    }

    private void startIfLive(RelayTarget target) {
        if (closed || active.containsKey(target.id()) || !core.isFedFromHere(target.stream())) {
            return;
        }
        RelayPusher pusher = new RelayPusher(target, this::stateChanged, clock, threads, firstBackoff);
        AutoCloseable feed;
        try {
            feed = core.attachServerReader(target.stream(), pusher.info(), pusher);
        } catch (StreamNotFoundException e) {
            return;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot start the relay of " + LogText.of(target.stream()) + " to " + target.url(), e);
            return;
        }
        active.put(target.id(), new Active(pusher, feed));
        pusher.start();
    }

    /** Connections or publishes that failed, over every relay (each retry that fails counts). */
    public long failures() {
        return failures.get();
    }

    /** Media bytes sent by the relays running now. */
    public long bytesSent() {
        long total = 0;
        for (Active current : active.values()) {
            total += current.pusher().bytesSent();
        }
        return total;
    }

    private void stateChanged(RelayTarget target, RelayStatus status) {
        last.put(target.id(), status);
        if (status.state() == RelayState.FAILED) {
            failures.incrementAndGet();
        }
        if (status.state() == RelayState.IDLE) {
            Active current = active.get(target.id());
            if (current != null && !current.pusher().isOpen()) {
                submit(() -> detach(target.id(), current)); // the stream ended, or the relay was stopped
            }
        }
        listener.stateChanged(target, status);
    }

    private void stopRelays(String stream, String why) {
        for (var entry : List.copyOf(active.entrySet())) {
            if (entry.getValue().pusher().target().stream().equals(stream)) {
                LOG.log(Level.INFO, "relay {0} of {1} stops here: {2}", new Object[]{entry.getKey(), LogText.of(stream), why});
                stop(entry.getKey(), why);
            }
        }
    }

    private void stop(String id, String why) {
        Active current = active.get(id);
        if (current != null) {
            try {
                current.pusher().stop(why, STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            detach(id, current);
        }
    }

    private void detach(String id, Active current) {
        if (active.remove(id, current)) {
            try {
                current.feed().close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a relay's feed failed", e);
            }
        }
    }

    private void submit(Runnable work) {
        try {
            housekeeping.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "relay housekeeping failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "relays are stopping", e);
        }
    }

    /** Runs {@code work} on the housekeeping thread and waits for it: for tests. */
    void await(Runnable work) throws Exception {
        housekeeping.submit(work).get(30, TimeUnit.SECONDS);
    }

    /** Stops every pusher (each unpublishes when its target takes it in time) and the housekeeping thread, joined. */
    @Override
    public void close() {
        closed = true;
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String id : List.copyOf(active.keySet())) {
            stop(id, "server stopping");
        }
        housekeeping.shutdownNow();
    }
}
