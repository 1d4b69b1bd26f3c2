package dev.inlet.rtmp.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers every thread it makes so that stopping can wait for them: an application server does
 * not stop threads an application started, and a thread still running after undeploy keeps the
 * port and the old class loader alive.
 */
final class TrackingThreadFactory implements ThreadFactory {

    private final ThreadFactory delegate;
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    TrackingThreadFactory(ThreadFactory delegate, String prefix) {
        this.delegate = delegate;
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = delegate.newThread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        thread.setName(prefix + "-" + counter.incrementAndGet());
        threads.add(thread);
        return thread;
    }

    /** Waits up to {@code millis} in total for the threads to end; returns those still alive. */
    Set<Thread> joinAll(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread thread : threads) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            thread.join(left);
        }
        Set<Thread> alive = ConcurrentHashMap.newKeySet();
        threads.stream().filter(Thread::isAlive).forEach(alive::add);
        return alive;
    }
}
