package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.LimitExceededException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes the server holds for messages and chunks that have not arrived whole, over every connection: the memory a
 * peer can make Inlet keep without a stream key. Each connection holds an {@link Account}, charged as its buffers
 * grow (with the bytes that arrive, not the length a header announces) and credited when a message completes, is
 * aborted or the connection ends.
 *
 * <p>A connection may hold at most its own limit; over it, it is refused. When the total would pass the server-wide
 * limit, the connection holding the most is closed to make room, the asking one included: an attacker parks many
 * nearly complete messages and so holds the most, while a legitimate encoder completes a message every few
 * milliseconds and holds one at a time. The total may pass the limit by what is being freed at that moment (the
 * evicted connections' buffers are released when their close is processed), never by more than a few chunks.
 */
public final class ReassemblyBudget {

    /** The reason a connection over budget is closed and counted under. */
    public static final String LIMIT_NAME = "memory_budget";

    private final long totalLimit;
    private final long perConnectionLimit;
    private final AtomicLong held = new AtomicLong();
    private final Set<Account> accounts = ConcurrentHashMap.newKeySet();
    private final LongAdder evictions = new LongAdder();

    /**
     * @param totalLimit         bytes all connections together may hold in partial messages
     * @param perConnectionLimit bytes one connection may hold (at least one largest message, or large messages are
     *                           refused)
     */
    public ReassemblyBudget(long totalLimit, long perConnectionLimit) {
        if (totalLimit < 1 || perConnectionLimit < 1) {
            throw new IllegalArgumentException("limits must be positive: total " + totalLimit + ", per connection "
                    + perConnectionLimit);
        }
        this.totalLimit = totalLimit;
        this.perConnectionLimit = perConnectionLimit;
    }

    /** No limit at all: for clients and tests that decode what they asked for. */
    public static ReassemblyBudget unlimited() {
        return new ReassemblyBudget(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * An account for one connection.
     *
     * @param onEvicted closes the connection (abortively) when the server needs its memory back; called on another
     *                  connection's thread, so it must only start the close
     */
    public Account open(Runnable onEvicted) {
        Account account = new Account(onEvicted);
        accounts.add(account);
        return account;
    }

    /** Bytes held in partial messages now, over every connection. */
    public long held() {
        return held.get();
    }

    public long totalLimit() {
        return totalLimit;
    }

    public long perConnectionLimit() {
        return perConnectionLimit;
    }

    /** Connections closed so far to make room for others. */
    public long evictions() {
        return evictions.sum();
    }

    /**
     * Brings the total back under the limit by evicting the largest holders, counting what evicted accounts are
     * about to release. Rare (only over the limit), so a scan of every account is fine; serialised so two connections
     * over budget at once do not both evict for the same excess.
     */
    private synchronized void makeRoom(Account asking) {
        long excess = held.get() - totalLimit;
        for (Account account : accounts) {
            if (account.evicted) {
                excess -= account.held;
            }
        }
        while (excess > 0) {
            Account largest = null;
            for (Account account : accounts) {
                if (!account.evicted && (largest == null || account.held > largest.held)) {
                    largest = account;
                }
            }
            if (largest == null || largest == asking) {
                throw new LimitExceededException(LIMIT_NAME, "partial messages of all connections hold "
                        + held.get() + " bytes, above the server's limit of " + totalLimit
                        + ", and this connection holds the most (" + asking.held + ")");
            }
            largest.evicted = true;
            excess -= largest.held;
            evictions.increment();
            largest.onEvicted.run();
        }
    }

    /**
     * One connection's share. Reserving and releasing happen on the connection's reading thread; closing may come
     * from any thread (a close by another thread), hence the lock, uncontended in practice.
     */
    public final class Account {

        private final Runnable onEvicted;
        private volatile long held;
        private volatile boolean evicted;
        private boolean closed;

        private Account(Runnable onEvicted) {
            this.onEvicted = onEvicted;
        }

        /**
         * Charges {@code bytes} more to this connection.
         *
         * @throws LimitExceededException ({@code memory_budget}) when this connection or the server is over its
         *                                limit; nothing is charged then
         */
        public void reserve(long bytes) {
            synchronized (this) {
                if (closed || evicted) {
                    throw new LimitExceededException(LIMIT_NAME, "connection closed to free memory for others");
                }
                if (held + bytes > perConnectionLimit) {
                    throw new LimitExceededException(LIMIT_NAME, "partial messages would hold " + (held + bytes)
                            + " bytes, above the per-connection limit of " + perConnectionLimit);
                }
                held += bytes;
            }
            if (ReassemblyBudget.this.held.addAndGet(bytes) > totalLimit) {
                try {
                    makeRoom(this);
                } catch (LimitExceededException refused) {
                    release(bytes);
                    throw refused;
                }
            }
        }

        /** Credits {@code bytes} back: a message completed or was dropped. */
        public void release(long bytes) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                held -= bytes;
            }
            ReassemblyBudget.this.held.addAndGet(-bytes);
        }

        /** Bytes this connection holds now. */
        public long held() {
            return held;
        }

        /** The connection ended: everything it held is free. Idempotent. */
        public void close() {
            long freed;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                freed = held;
                held = 0;
            }
            ReassemblyBudget.this.held.addAndGet(-freed);
            accounts.remove(this);
        }
    }
}
