package dev.inlet.api.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class VerificationPoolTest {

    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private final ThreadFactory threads = task -> {
        Thread thread = Executors.defaultThreadFactory().newThread(task);
        started.add(thread);
        return thread;
    };
    private final CountDownLatch release = new CountDownLatch(1);
    private final VerificationPool pool = new VerificationPool(1, 1, threads, Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        release.countDown();
        pool.close();
    }

    @Test
    void aVerificationRunsOnThePoolAndItsAnswerIsReturned() throws Exception {
        String thread = pool.run(() -> Thread.currentThread().getName());
        assertThat(started).extracting(Thread::getName).contains(thread);
    }

    @Test
    void whenEveryThreadIsBusyAndTheQueueFullAFurtherVerificationIsRefusedAtOnce() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Boolean> busy = CompletableFuture.supplyAsync(() -> runQuietly(() -> {
            running.countDown();
            release.await();
            return true;
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(() -> runQuietly(() -> true));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiting() == 1);

        long before = System.nanoTime();
        assertThatThrownBy(() -> pool.run(() -> true)).isInstanceOf(VerificationPool.Saturated.class);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

        release.countDown();
        assertThat(busy.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queued.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingStopsAndJoinsTheThreadsAndWakesWaitingCallers() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Boolean> busy = CompletableFuture.supplyAsync(() -> runQuietly(() -> {
            running.countDown();
            release.await(); // interrupted by close
            return true;
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(() -> runQuietly(() -> true));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiting() == 1);

        pool.close();

        assertThat(pool.terminated()).isTrue();
        assertThat(started).allSatisfy(thread -> assertThat(thread.isAlive()).isFalse());
        assertThat(queued.get(10, TimeUnit.SECONDS)).as("the dropped caller is refused, not left waiting").isFalse();
        assertThat(busy.get(10, TimeUnit.SECONDS)).isFalse();
    }

    /** The task's answer, or false when the pool refused or dropped it (or the task failed). */
    private boolean runQuietly(java.util.concurrent.Callable<Boolean> task) {
        try {
            return pool.run(task);
        } catch (VerificationPool.Saturated | IllegalStateException e) {
            return false;
        }
    }
}
