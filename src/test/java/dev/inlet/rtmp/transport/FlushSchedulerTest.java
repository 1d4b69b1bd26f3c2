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
        scheduler = start(new WriteMerging(WINDOW, 1));
        CountDownLatch flushed = new CountDownLatch(3);
        List<Long> flushedAt = new CopyOnWriteArrayList<>();
        FlushScheduler.Pending pending = () -> {
            flushedAt.add(System.nanoTime());
            flushed.countDown();
            return 1;
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
    void aQuietLaneFlushesAtOnceAndMergesOnlyOnceItWritesManyMessagesASecond() throws Exception {
        Duration longWindow = Duration.ofSeconds(3);
        scheduler = start(new WriteMerging(longWindow, 1, 100));
        FlushScheduler.Pending fiftyMessages = () -> 50;

        // quiet so far: flushed at once, well before the window
        long requested = System.nanoTime();
        CountDownLatch quiet = new CountDownLatch(1);
        scheduler.schedule(() -> {
            quiet.countDown();
            return 50;
        }, 0);
        assertThat(quiet.await(2, TimeUnit.SECONDS)).as("a quiet lane does not wait the 3 s window").isTrue();
        scheduler.schedule(fiftyMessages, 0);
        scheduler.schedule(fiftyMessages, 0);

        // over a second, 150 messages (> 100 a second): from now on the lane merges
        Thread.sleep(Math.max(0, 1_100 - (System.nanoTime() - requested) / 1_000_000));
        CountDownLatch busy = new CountDownLatch(1);
        long busyRequest = System.nanoTime();
        List<Long> flushedAfter = new CopyOnWriteArrayList<>();
        scheduler.schedule(() -> {
            flushedAfter.add(System.nanoTime() - busyRequest);
            busy.countDown();
            return 1;
        }, 0);
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(flushedAfter.get(0)).as("a busy lane waits the window").isGreaterThanOrEqualTo(longWindow.toNanos());
    }

    @Test
    void aFailingFlushDoesNotStopTheOthersOrTheLane() throws Exception {
        scheduler = start(new WriteMerging(Duration.ofMillis(1), 1));
        CountDownLatch healthy = new CountDownLatch(2);
        FlushScheduler.Pending counting = () -> {
            healthy.countDown();
            return 1;
        };
        scheduler.schedule(() -> {
            throw new IllegalStateException("broken connection");
        }, 0);
        scheduler.schedule(counting, 0);
        Thread.sleep(50);
        scheduler.schedule(counting, 0);

        assertThat(healthy.await(5, TimeUnit.SECONDS)).as("both later requests were flushed").isTrue();
    }

    @Test
    void connectionsAreSpreadOverTheLanesAndEachLaneFlushesItsOwn() throws Exception {
        scheduler = start(new WriteMerging(Duration.ofMillis(1), 2));
        List<String> flushingThreads = new CopyOnWriteArrayList<>();
        CountDownLatch flushed = new CountDownLatch(2);
        FlushScheduler.Pending recordThread = () -> {
            flushingThreads.add(Thread.currentThread().getName());
            flushed.countDown();
            return 1;
        };
        scheduler.schedule(recordThread, 0);
        scheduler.schedule(recordThread, 1);

        assertThat(flushed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(flushingThreads).doesNotHaveDuplicates().allMatch(name -> name.startsWith("flush-test"));
    }

    private FlushScheduler start(WriteMerging merging) {
        FlushScheduler started = new FlushScheduler(merging, threads);
        started.start();
        return started;
    }
}
