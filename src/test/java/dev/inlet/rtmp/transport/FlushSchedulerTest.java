package dev.inlet.rtmp.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FlushSchedulerTest {

    private static final Duration WINDOW = Duration.ofMillis(300);

    private final TrackingThreadFactory threads = new TrackingThreadFactory(Thread::new, "flush-test");
    private FlushScheduler scheduler;

    @AfterEach
    void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.stop();
            assertThat(threads.joinAll(5_000)).as("flusher threads end on stop").isEmpty();
        }
    }

    @Test
    void requestsWithinOneWindowAreFlushedTogetherOnceTheWindowHasPassed() throws Exception {
        scheduler = new FlushScheduler(new WriteMerging(WINDOW, 1), threads);
        scheduler.start();
        CountDownLatch flushed = new CountDownLatch(3);
        List<Long> flushedAt = new CopyOnWriteArrayList<>();
        FlushScheduler.Pending pending = () -> {
            flushedAt.add(System.nanoTime());
            flushed.countDown();
        };
        long firstRequest = System.nanoTime();
        scheduler.schedule(pending, 0);
        scheduler.schedule(pending, 0);
        scheduler.schedule(pending, 0);

        assertThat(flushed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(flushedAt).allSatisfy(at ->
                assertThat(at - firstRequest).as("no flush before the window").isGreaterThanOrEqualTo(WINDOW.toNanos()));
        long spread = flushedAt.stream().mapToLong(Long::longValue).max().orElseThrow()
                - flushedAt.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(spread).as("one round flushed them all").isLessThan(WINDOW.toNanos());
    }

    @Test
    void aFailingFlushDoesNotStopTheOthersOrTheLane() throws Exception {
        scheduler = new FlushScheduler(new WriteMerging(Duration.ofMillis(1), 1), threads);
        scheduler.start();
        CountDownLatch healthy = new CountDownLatch(2);
        scheduler.schedule(() -> {
            throw new IllegalStateException("broken connection");
        }, 0);
        scheduler.schedule(healthy::countDown, 0);
        Thread.sleep(50);
        scheduler.schedule(healthy::countDown, 0);

        assertThat(healthy.await(5, TimeUnit.SECONDS)).as("both later requests were flushed").isTrue();
    }

    @Test
    void connectionsAreSpreadOverTheLanesAndEachLaneFlushesItsOwn() throws Exception {
        scheduler = new FlushScheduler(new WriteMerging(Duration.ofMillis(1), 2), threads);
        scheduler.start();
        List<String> flushingThreads = new CopyOnWriteArrayList<>();
        CountDownLatch flushed = new CountDownLatch(2);
        FlushScheduler.Pending recordThread = () -> {
            flushingThreads.add(Thread.currentThread().getName());
            flushed.countDown();
        };
        scheduler.schedule(recordThread, 0);
        scheduler.schedule(recordThread, 1);

        assertThat(flushed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(flushingThreads).doesNotHaveDuplicates().allMatch(name -> name.startsWith("flush-test"));
    }
}
