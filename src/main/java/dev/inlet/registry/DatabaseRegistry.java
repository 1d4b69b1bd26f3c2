package dev.inlet.registry;

import dev.inlet.core.Lease;
import dev.inlet.core.Registry;
import dev.inlet.core.RegistryException;
import dev.inlet.core.StreamAlreadyActiveException;
import dev.inlet.core.StreamEncryption;
import dev.inlet.core.StreamKeys;
import dev.inlet.core.StreamSlot;
import dev.inlet.core.UnknownStreamKeyException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link Registry} kept in a relational database, so that one publisher per input slot holds
 * across every Inlet node sharing that database.
 *
 * <p>A publish claims its slot by inserting a lease row (the primary key on stream + priority makes
 * that atomic). The node refreshes its rows every heartbeat period; a row whose heartbeat is older
 * than the lease timeout belongs to a node that stopped and may be taken over with a compare-and-set
 * update. With {@code takeover} on, a live row is taken over the same way and the previous holder
 * hears of it through the lease-lost listener (at once on this node, at its next heartbeat on
 * another). While the database is unreachable new publishes fail with
 * {@link RegistryUnavailableException}, running ones are untouched, and everything resumes when it
 * returns. Keys are only ever handled as hashes; logs show their prefix.
 *
 * <p>What the database needs first (schema, demo stream) is a {@link DatabaseSetup} run before the first
 * publish is served. Lease times (claims, heartbeats, expiry) come from the given {@link Clock}, so tests
 * move time instead of waiting for it.
 */
public final class DatabaseRegistry implements Registry, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DatabaseRegistry.class.getName());
    private static final int CLAIM_ATTEMPTS = 4;
    private static final int QUEUED_REQUESTS = 1024;

    private final DataSource dataSource;
    private final RegistrySettings settings;
    private final Clock clock;
    private final DatabaseSetup setup;
    private final LeaseTable table;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService heartbeats;
    /** Leases of this node, from just before their claim until their release or loss. */
    private final Map<Lease, Held> held = new ConcurrentHashMap<>();
    /** Released leases whose row could not be deleted yet (the database was unreachable). */
    private final Map<Lease, Held> releasing = new ConcurrentHashMap<>();
    private volatile Consumer<Lease> leaseLost = lease -> { };
    private volatile boolean ready;
    private volatile boolean reachable = true;
    private volatile boolean closed;

    /**
     * A lease this node holds: its stream's row id, and when its claim was confirmed. That instant is
     * nanoTime, not the clock: it only orders a claim against a heartbeat of this JVM.
     */
    private static final class Held {
        final String streamId;
        volatile long confirmedAt = Long.MAX_VALUE;

        Held(String streamId) {
            this.streamId = streamId;
        }
    }

    public DatabaseRegistry(DataSource dataSource, RegistrySettings settings, ThreadFactory threadFactory,
                            Clock clock, DatabaseSetup setup) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.setup = setup;
        this.table = new LeaseTable(settings.queryTimeout());
        this.workers = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), threadFactory);
        this.workers.allowCoreThreadTimeOut(true);
        this.heartbeats = new ScheduledThreadPoolExecutor(1, threadFactory);
    }

    /**
     * Runs the database setup and starts the heartbeat. When the database cannot be reached yet the
     * registry still starts, refuses publishes, and retries every heartbeat period.
     */
    public void start() {
        tryInitialize();
        long period = settings.heartbeatPeriod().toMillis();
        heartbeats.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    public String nodeId() {
        return settings.nodeId();
    }

    @Override
    public Optional<String> clusterNodeId() {
        return Optional.of(settings.nodeId());
    }

    /** Whether the database setup has run and the last database call succeeded. */
    @Override
    public boolean isAvailable() {
        return ready && reachable && !closed;
    }

    @Override
    public void setLeaseLostListener(Consumer<Lease> listener) {
        this.leaseLost = listener == null ? lease -> { } : listener;
    }

    @Override
    public Optional<StreamSlot> lookup(String key) {
        String hash = StreamKeys.hash(key);
        try (Connection c = connection()) {
            return table.findKey(c, hash)
                    .filter(row -> StreamKeys.hashesEqual(row.keyHash(), hash) && row.keyEnabled() && row.streamEnabled())
                    .map(row -> new StreamSlot(row.streamCode(), row.priority()));
        } catch (SQLException e) {
            markUnreachable(e);
            throw new IllegalStateException("stream registry unavailable", e);
        }
    }

    /** Plain JDBC like the key look-up: it runs on the core's threads, where no JPA context is bound. */
    @Override
    public boolean isPlaybackPrivate(String streamCode) {
        try (Connection c = connection()) {
            return table.isPlaybackPrivate(c, streamCode);
        } catch (SQLException e) {
            markUnreachable(e);
            throw new IllegalStateException("stream registry unavailable", e);
        }
    }

    @Override
    public StreamEncryption streamEncryption(String streamCode) {
        try (Connection c = connection()) {
            return table.streamEncryption(c, streamCode);
        } catch (SQLException e) {
            markUnreachable(e);
            throw new IllegalStateException("stream registry unavailable", e);
        }
    }

    @Override
    public CompletionStage<Lease> acquireAsync(String key, String sessionId, String remoteAddress) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return acquire(key, sessionId, remoteAddress);
                } catch (RegistryException e) {
                    throw new CompletionException(e);
                }
            }, workers);
        } catch (RejectedExecutionException e) {
            LOG.warning("stream registry overloaded or stopped: a publish is refused");
            return CompletableFuture.failedFuture(new RegistryUnavailableException());
        }
    }

    @Override
    public Lease acquire(String key, String sessionId, String remoteAddress) throws RegistryException {
        if (closed || !ready) {
            throw new RegistryUnavailableException();
        }
        String hash = StreamKeys.hash(key);
        String prefix = StreamKeys.prefix(key);
        try (Connection c = connection()) {
            LeaseTable.KeyRow row = table.findKey(c, hash)
                    .filter(found -> StreamKeys.hashesEqual(found.keyHash(), hash) && found.keyEnabled())
                    .orElseThrow(() -> new UnknownStreamKeyException(prefix));
            if (!row.streamEnabled()) {
                throw new StreamDisabledException(row.streamCode());
            }
            Lease lease = new Lease(new StreamSlot(row.streamCode(), row.priority()), prefix, sessionId, remoteAddress);
            Held claim = new Held(row.streamId());
            held.put(lease, claim); // before the row exists, so the heartbeat never takes it for an orphan
            Optional<LeaseTable.LeaseRow> displaced;
            try {
                displaced = claim(c, row.streamId(), lease);
            } catch (RegistryException | SQLException | RuntimeException e) {
                held.remove(lease, claim);
                throw e;
            }
            claim.confirmedAt = System.nanoTime();
            markReachable();
            markKeyUsed(c, row.keyId(), remoteAddress);
            displaced.ifPresent(previous -> onDisplaced(lease, previous));
            return lease;
        } catch (SQLException e) {
            markUnreachable(e);
            throw new RegistryUnavailableException();
        }
    }

    /** Claims the slot, by insert or by taking over a row that may be taken; returns the row it replaced. */
    private Optional<LeaseTable.LeaseRow> claim(Connection c, String streamId, Lease lease)
            throws SQLException, StreamAlreadyActiveException {
        int priority = lease.slot().priority();
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            long now = clock.millis();
            if (table.insertLease(c, streamId, priority, nodeId(), lease.sessionId(), lease.keyPrefix(),
                    lease.remoteAddress(), now)) {
                return Optional.empty();
            }
            Optional<LeaseTable.LeaseRow> current = table.findLease(c, streamId, priority);
            if (current.isEmpty()) {
                continue; // released between the insert and the read: insert again
            }
            LeaseTable.LeaseRow row = current.get();
            if (finishPendingRelease(c, row)) {
                continue;
            }
            boolean expired = row.heartbeatAt() < now - settings.leaseTimeout().toMillis();
            if (!expired && !settings.takeover()) {
                throw new StreamAlreadyActiveException(lease.slot());
            }
            if (table.replaceLease(c, row, nodeId(), lease.sessionId(), lease.keyPrefix(), lease.remoteAddress(), now)) {
                LOG.log(Level.INFO, "{0} input {1} (key {2}…) taken over from node {3}{4}",
                        new Object[]{lease.slot().streamCode(), priority, lease.keyPrefix(), row.nodeId(),
                                expired ? " after its lease expired" : ""});
                return Optional.of(row);
            }
        }
        throw new StreamAlreadyActiveException(lease.slot());
    }

    /**
     * A row of this node that no lease of this node holds belongs to a publisher that has already gone (its
     * release may be queued, or running right now): delete it now. Deciding by {@code held} rather than by the
     * release queue matters: the queued delete can finish between our read of the row and this check, and a
     * row would then look live although its slot is free. {@code held} is filled before a row is inserted, so
     * an acquire in progress is never mistaken for a released row.
     */
    private boolean finishPendingRelease(Connection c, LeaseTable.LeaseRow row) throws SQLException {
        if (!row.nodeId().equals(nodeId())) {
            return false;
        }
        if (held.entrySet().stream().anyMatch(entry -> matches(entry.getKey(), entry.getValue(), row))) {
            return false;
        }
        table.deleteLease(c, row.streamId(), row.priority(), row.nodeId(), row.sessionId());
        releasing.entrySet().removeIf(entry -> matches(entry.getKey(), entry.getValue(), row));
        return true;
    }

    private void onDisplaced(Lease winner, LeaseTable.LeaseRow previous) {
        if (!previous.nodeId().equals(nodeId())) {
            return; // that node notices at its next heartbeat
        }
        held.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(winner) && matches(entry.getKey(), entry.getValue(), previous))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(this::lost);
    }

    private void markKeyUsed(Connection c, long keyId, String remoteAddress) {
        try {
            table.markKeyUsed(c, keyId, clock.millis(), remoteAddress);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "could not record the last use of a key", e);
        }
    }

    @Override
    public void release(Lease lease) {
        Held lease0 = held.remove(lease);
        if (lease0 == null || closed) {
            return; // once stopped, close() has deleted this node's rows (or, after a crash, they expire)
        }
        releasing.put(lease, lease0);
        try {
            workers.execute(() -> deleteReleased(lease, lease0));
        } catch (RejectedExecutionException e) {
            // Stopping: close() deletes every row of this node; after a crash the lease expires.
        }
    }

    private void deleteReleased(Lease lease, Held row) {
        try (Connection c = connection()) {
            table.deleteLease(c, row.streamId, lease.slot().priority(), nodeId(), lease.sessionId());
            releasing.remove(lease, row);
            markReachable();
        } catch (SQLException e) {
            markUnreachable(e); // kept in releasing: the heartbeat retries
        }
    }

    /** One heartbeat period: initialise if not yet done, refresh this node's leases, notice lost ones. */
    void tick() {
        if (closed) {
            return;
        }
        if (!ready) {
            tryInitialize();
            return;
        }
        try {
            heartbeat();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream registry heartbeat failed", e);
        }
    }

    void heartbeat() {
        long started = System.nanoTime();
        Set<String> present = new HashSet<>();
        Set<Lease> releasedBefore = new HashSet<>(releasing.keySet());
        try (Connection c = connection()) {
            table.heartbeat(c, nodeId(), clock.millis());
            for (LeaseTable.LeaseRow row : table.leasesOf(c, nodeId())) {
                present.add(identity(row.streamId(), row.priority(), row.sessionId()));
                boolean ours = held.entrySet().stream().anyMatch(e -> matches(e.getKey(), e.getValue(), row));
                // Only a row whose release is queued is deleted here. A row this node neither holds nor
                // released may be an acquire between its INSERT and its bookkeeping: deleting it would
                // free a live publisher's slot. (Rows of an earlier run are cleared at start.)
                boolean released = !ours && releasing.entrySet().stream()
                        .anyMatch(e -> matches(e.getKey(), e.getValue(), row));
                if (released && !closed) {
                    table.deleteLease(c, row.streamId(), row.priority(), row.nodeId(), row.sessionId());
                }
            }
            releasing.keySet().removeAll(releasedBefore); // their rows were just deleted, or were gone
            markReachable();
        } catch (SQLException e) {
            markUnreachable(e);
            return;
        }
        held.entrySet().stream()
                .filter(e -> e.getValue().confirmedAt < started)
                .filter(e -> !present.contains(identity(e.getValue().streamId, e.getKey().slot().priority(),
                        e.getKey().sessionId())))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(this::lost);
    }

    private void lost(Lease lease) {
        if (held.remove(lease) == null) {
            return;
        }
        LOG.log(Level.INFO, "publisher of {0} input {1} (key {2}…) from {3} lost its lease",
                new Object[]{lease.slot().streamCode(), lease.slot().priority(), lease.keyPrefix(), lease.remoteAddress()});
        try {
            leaseLost.accept(lease);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lease-lost listener failed", e);
        }
    }

    /** Stops the heartbeat and deletes every lease of this node, so other nodes need not wait for expiry. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeats.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(settings.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = connection()) {
            int deleted = table.deleteLeasesOf(c, nodeId());
            LOG.log(Level.INFO, "stream registry of node {0} stopped, {1} lease(s) released",
                    new Object[]{nodeId(), deleted});
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "stream registry stopped without releasing its leases (they expire after "
                    + settings.leaseTimeout().toSeconds() + " s): " + e.getMessage());
        }
        held.clear();
        releasing.clear();
    }

    /** Stops like a crashed node would: no more heartbeats, no release, the rows are left to expire. */
    void stopWithoutReleasing() {
        closed = true;
        heartbeats.shutdownNow();
        workers.shutdownNow();
    }

    private void tryInitialize() {
        try {
            setup.prepare(dataSource);
            try (Connection c = connection()) {
                int stale = table.deleteLeasesOf(c, nodeId());
                if (stale > 0) {
                    LOG.log(Level.INFO, "{0} lease(s) left by an earlier run of node {1} released",
                            new Object[]{stale, nodeId()});
                }
            }
            ready = true;
            markReachable();
            LOG.log(Level.INFO, "stream registry ready on node {0}", nodeId());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "stream registry database not ready, publishes are refused until it is"
                    + " (retrying every " + settings.heartbeatPeriod().toSeconds() + " s): " + e.getMessage());
            reachable = false;
        }
    }

    private Connection connection() throws SQLException {
        return LeaseTable.autoCommitConnection(dataSource);
    }

    private void markUnreachable(SQLException e) {
        if (reachable) {
            reachable = false;
            LOG.warning("stream registry database unreachable: new publishes are refused, running streams go on ("
                    + e.getMessage() + ")");
        }
    }

    private void markReachable() {
        if (!reachable) {
            reachable = true;
            LOG.info("stream registry database reachable again");
        }
    }

    private static boolean matches(Lease lease, Held held, LeaseTable.LeaseRow row) {
        return held.streamId.equals(row.streamId()) && lease.slot().priority() == row.priority()
                && lease.sessionId().equals(row.sessionId());
    }

    private static String identity(String streamId, int priority, String sessionId) {
        return streamId + '\n' + priority + '\n' + sessionId;
    }
}
