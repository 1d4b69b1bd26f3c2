package dev.inlet.api.security;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The few threads that verify passwords. PBKDF2 is slow on purpose, so a flood of wrong passwords would
 * otherwise occupy every request thread of the server; here at most {@code threads} verifications run and
 * {@code queue} wait, and any further one is refused at once. Must be {@linkplain #close closed} at undeploy:
 * the container does not stop threads it did not start.
 */
final class VerificationPool implements AutoCloseable {

    /** Thrown when every thread is busy and the queue is full: the caller should answer "try again". */
    static final class Saturated extends Exception {
        Saturated(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger LOG = Logger.getLogger(VerificationPool.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ThreadPoolExecutor executor;
    private final Duration maxWait;
    /** Every thread the pool started, so close can join them: an executor is terminated a moment before its last thread ends. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * @param maxWait how long a caller waits for its verification before giving up (a safety net; with the
     *                queue bounded the wait is normally a few verification times)
     */
    VerificationPool(int threads, int queue, ThreadFactory threadFactory, Duration maxWait) {
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        ThreadFactory recording = task -> {
            Thread thread = threadFactory.newThread(task);
            if (thread != null) {
                this.threads.add(thread);
            }
            return thread;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, recording,
                new ThreadPoolExecutor.AbortPolicy());
        this.maxWait = maxWait;
    }

    /** Runs {@code verification} on the pool and waits for it; refused at once when the pool is full. */
    <T> T run(Callable<T> verification) throws Saturated {
        Future<T> future;
        try {
            future = executor.submit(verification);
        } catch (RejectedExecutionException e) {
            throw new Saturated("every password verifier is busy");
        }
        try {
            return future.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            throw new Saturated("password verification was dropped: the application is stopping");
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Saturated("password verification took longer than " + maxWait.toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Saturated("interrupted while waiting for password verification");
        } catch (ExecutionException e) {
            throw new IllegalStateException("password verification failed", e.getCause());
        }
    }

    /** Stops the threads and waits for them to end; queued verifications are dropped. */
    @Override
    public void close() {
        // callers waiting for a dropped verification are woken (as refused) rather than left to time out
        executor.shutdownNow().forEach(dropped -> ((Future<?>) dropped).cancel(false));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            boolean stopped = executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (Thread thread : threads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
                stopped &= !thread.isAlive();
            }
            if (!stopped) {
                LOG.log(Level.WARNING, "password verifier threads still running {0} s after stop", STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Verifications waiting for a thread. */
    int waiting() {
        return executor.getQueue().size();
    }

    /** Whether every thread has ended (after {@link #close}). */
    boolean terminated() {
        return executor.isTerminated();
    }
}
