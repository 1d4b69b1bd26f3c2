package dev.inlet.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts failed attempts per remote address — publishes with an unknown key, API logins with wrong credentials —
 * and blocks an address that fails too often, for a time that doubles with each block in a row (see
 * {@link PublishBlocking}; a first block equal to the longest gives a fixed block). An address that stays clean
 * for the longest block starts from the first block again.
 *
 * <p>At most {@link #MAX_TRACKED} addresses are kept, so many addresses each failing once cannot grow it
 * without bound: when full, addresses neither blocked nor failing within the window are forgotten; if that
 * frees nothing, a new address is not tracked until it does.
 */
public final class AddressBlocklist {

    public static final int MAX_TRACKED = 10_000;
    private static final Logger LOG = Logger.getLogger(AddressBlocklist.class.getName());

    private final PublishBlocking settings;
    /** What fails, for the log lines: "publishes", "API logins". */
    private final String attempts;
    private final LongSupplier nanoClock;
    private final Map<String, Record> records = new HashMap<>();
    private Consumer<BlockedAddress> blockListener = block -> { };

    private static final class Record {
        final Deque<Long> failures = new ArrayDeque<>();
        long lastFailureNanos;
        long blockedUntilNanos;
        boolean blocked;
        int blocks;
    }

    /** A blocklist of failed publishes. */
    AddressBlocklist(PublishBlocking settings) {
        this(settings, "publishes", System::nanoTime);
    }

    /** @param attempts what fails, plural, for the log lines ("API logins") */
    public AddressBlocklist(PublishBlocking settings, String attempts, LongSupplier nanoClock) {
        this.settings = settings;
        this.attempts = attempts;
        this.nanoClock = nanoClock;
    }

    /** How long {@code address} is still refused, or empty when it may try. */
    public synchronized Optional<Duration> blockedFor(String address) {
        Record record = records.get(address);
        if (record == null || !record.blocked) {
            return Optional.empty();
        }
        long left = record.blockedUntilNanos - nanoClock.getAsLong();
        if (left <= 0) {
            record.blocked = false;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(left));
    }

    /** An attempt from {@code address} failed (an unknown key, wrong credentials); may start a block. */
    public synchronized void failed(String address) {
        if (!settings.enabled()) {
            return;
        }
        long now = nanoClock.getAsLong();
        Record record = recordOf(address, now);
        if (record == null) {
            return;
        }
        if (record.blocked && now < record.blockedUntilNanos) {
            return; // already refused; a failure that raced with the block does not lengthen it
        }
        record.blocked = false;
        long cleanSince = Math.max(record.lastFailureNanos, record.blockedUntilNanos);
        if (record.blocks > 0 && now - cleanSince > settings.maxBlock().toNanos()) {
            record.blocks = 0; // clean for the longest block since the last one ended: forgiven
        }
        record.lastFailureNanos = now;
        record.failures.addLast(now);
        while (!record.failures.isEmpty() && now - record.failures.peekFirst() > settings.window().toNanos()) {
            record.failures.removeFirst();
        }
        if (record.failures.size() >= settings.maxFailures()) {
            Duration block = blockLength(record.blocks);
            record.blocks++;
            record.blocked = true;
            record.blockedUntilNanos = now + block.toNanos();
            record.failures.clear();
            LOG.log(Level.WARNING, "{0} failed {1} {5} within {2} s: refusing its {5} for {3} s (block {4})",
                    new Object[]{address, settings.maxFailures(), settings.window().toSeconds(), block.toSeconds(),
                            record.blocks, attempts});
            tell(new BlockedAddress(address, Instant.now().plus(block), record.blocks));
        }
    }

    /**
     * Told of each block this list starts (not of those {@linkplain #applyBlock applied}), under its lock: the
     * listener must only hand the block on (a cluster shares it with the other nodes).
     */
    public synchronized void setBlockListener(Consumer<BlockedAddress> listener) {
        this.blockListener = listener == null ? block -> { } : listener;
    }

    /**
     * Refuses {@code address} for {@code left} because another node blocked it; a longer block of this list's own
     * is kept. Not told to the listener, so a shared block does not echo.
     */
    public synchronized void applyBlock(String address, Duration left, int blocks) {
        if (left.isNegative() || left.isZero()) {
            return;
        }
        long now = nanoClock.getAsLong();
        Record record = recordOf(address, now);
        if (record == null) {
            return;
        }
        long until = now + left.toNanos();
        if (record.blocked && record.blockedUntilNanos - until >= 0) {
            return;
        }
        record.blocked = true;
        record.blockedUntilNanos = until;
        record.blocks = Math.max(record.blocks, blocks);
        record.failures.clear();
        LOG.log(Level.INFO, "{0} is blocked by another node: refusing its {1} for {2} s",
                new Object[]{address, attempts, left.toSeconds()});
    }

    /** The address's record, new if needed; null when the list is full of addresses it must keep. */
    private Record recordOf(String address, long now) {
        Record record = records.get(address);
        if (record == null) {
            if (records.size() >= MAX_TRACKED && !forgetQuietAddresses(now)) {
                return null;
            }
            record = new Record();
            records.put(address, record);
        }
        return record;
    }

    private void tell(BlockedAddress block) {
        try {
            blockListener.accept(block);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "block listener failed", e);
        }
    }

    /** The addresses refused now, longest block first. */
    synchronized List<BlockedAddress> blocked() {
        long now = nanoClock.getAsLong();
        Instant wallNow = Instant.now();
        List<BlockedAddress> result = new ArrayList<>();
        records.forEach((address, record) -> {
            if (record.blocked && record.blockedUntilNanos > now) {
                result.add(new BlockedAddress(address, wallNow.plusNanos(record.blockedUntilNanos - now), record.blocks));
            }
        });
        result.sort(Comparator.comparing(BlockedAddress::blockedUntil).reversed());
        return result;
    }

    /** Forgets everything about {@code address}; true if it was blocked. */
    synchronized boolean unblock(String address) {
        Record record = records.remove(address);
        return record != null && record.blocked && record.blockedUntilNanos > nanoClock.getAsLong();
    }

    public synchronized int tracked() {
        return records.size();
    }

    private Duration blockLength(int previousBlocks) {
        Duration length = settings.firstBlock();
        for (int i = 0; i < previousBlocks && length.compareTo(settings.maxBlock()) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(settings.maxBlock()) > 0 ? settings.maxBlock() : length;
    }

    private boolean forgetQuietAddresses(long now) {
        int before = records.size();
        records.values().removeIf(r -> !(r.blocked && r.blockedUntilNanos > now)
                && now - r.lastFailureNanos > settings.window().toNanos());
        if (records.size() < before) {
            return true;
        }
        LOG.log(Level.WARNING, "tracking {0} addresses with failed {1} already; not tracking another",
                new Object[]{records.size(), attempts});
        return false;
    }
}
