package dev.inlet.soak;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.core.StreamKeys;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak: for {@code soak.minutes} (10 by default) a publisher reconnects every 30 s and 50 players join and
 * leave at random. Afterwards the heap after GC, the thread count and the open file descriptors must be back
 * at their starting level, within {@link #HEAP_TOLERANCE_BYTES}, {@link #THREAD_TOLERANCE} and
 * {@link #FD_TOLERANCE}. The baseline is taken after one warm-up publish and play, so that what the JVM creates
 * once (class data, the CompletableFuture delay thread) is not counted as a leak.
 *
 * <p>Not part of the default build: {@code mvn -f src/pom.xml -Psoak test -Dsoak.minutes=10}.
 */
class SoakTest {

    private static final long HEAP_TOLERANCE_BYTES = 16L * 1024 * 1024;
    private static final int THREAD_TOLERANCE = 3;
    private static final int FD_TOLERANCE = 8;
    private static final int PLAYERS = 50;
    private static final Duration PUBLISH_CYCLE = Duration.ofSeconds(30);
    private static final int FRAME_MILLIS = 40;

    private final String key = StreamKeys.generate();
    private final AtomicInteger publishes = new AtomicInteger();
    private final AtomicInteger plays = new AtomicInteger();
    private final AtomicInteger playRefusals = new AtomicInteger();
    private final AtomicLong framesReceived = new AtomicLong();

    @Test
    void resourcesReturnToTheirStartingLevelAfterPublishersAndPlayersComeAndGo() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.register("demo", key);
        RtmpServer server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        try {
            warmUp(server.boundPort());
            awaitQuiet(server);
            Snapshot before = Snapshot.take();
            System.out.println("soak: baseline " + before);

            long end = System.nanoTime() + (long) (minutes * 60_000_000_000L);
            ExecutorService drivers = Executors.newFixedThreadPool(PLAYERS + 1);
            List<Future<?>> running = new ArrayList<>();
            running.add(drivers.submit(() -> publishUntil(server.boundPort(), end)));
            for (int i = 0; i < PLAYERS; i++) {
                running.add(drivers.submit(() -> playUntil(server.boundPort(), end)));
            }
            long peakThreads = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(5000);
                peakThreads = Math.max(peakThreads, ManagementFactory.getThreadMXBean().getThreadCount());
            }
            for (Future<?> driver : running) {
                driver.get(2, TimeUnit.MINUTES);
            }
            drivers.shutdown();
            assertThat(drivers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            awaitQuiet(server);
            Snapshot after = Snapshot.take();
            System.out.printf("soak: %.1f min, %d publishes, %d plays (%d refused while the publisher was away),"
                            + " %d frames received, peak %d threads, close reasons %s%n", minutes, publishes.get(),
                    plays.get(), playRefusals.get(), framesReceived.get(), peakThreads, server.closeReasons());
            System.out.println("soak: after    " + after);

            assertThat(publishes.get()).isGreaterThanOrEqualTo((int) (minutes * 60 / PUBLISH_CYCLE.toSeconds()));
            assertThat(plays.get()).isGreaterThanOrEqualTo(PLAYERS);
            assertThat(framesReceived.get()).isPositive();
            assertThat(after.heapBytes).as("heap after GC, bytes").isLessThanOrEqualTo(before.heapBytes + HEAP_TOLERANCE_BYTES);
            assertThat(after.threads).as("threads").isLessThanOrEqualTo(before.threads + THREAD_TOLERANCE);
            assertThat(after.fds).as("open file descriptors").isLessThanOrEqualTo(before.fds + FD_TOLERANCE);
        } finally {
            server.stop();
        }
    }

    private void warmUp(int port) throws Exception {
        try (RtmpClient publisher = client(port, null)) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            sendFrames(publisher, stream, 0, 50);
            try (RtmpClient player = client(port, m -> { })) {
                assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
                sendFrames(publisher, stream, 50, 25);
            }
            publisher.unpublish(stream, key);
        }
    }

    /** Reconnects every {@link #PUBLISH_CYCLE}; every other cycle ends with an unpublish, the rest drop. */
    private Void publishUntil(int port, long endNanos) throws Exception {
        for (int cycle = 0; System.nanoTime() < endNanos; cycle++) {
            long cycleEnd = Math.min(endNanos, System.nanoTime() + PUBLISH_CYCLE.toNanos());
            try (RtmpClient publisher = client(port, null)) {
                int stream = publisher.createStream();
                if (publisher.publish(stream, key).code().equals(NetStatus.PUBLISH_START)) {
                    publishes.incrementAndGet();
                } else {
                    Thread.sleep(500); // the previous session may still hold the key for a moment
                    continue;
                }
                long start = System.nanoTime();
                for (int frame = 0; System.nanoTime() < cycleEnd; frame++) {
                    sendFrames(publisher, stream, frame, 1);
                    long wait = start + TimeUnit.MILLISECONDS.toNanos((long) (frame + 1) * FRAME_MILLIS) - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                if (cycle % 2 == 0) {
                    publisher.unpublish(stream, key);
                }
            }
        }
        return null;
    }

    private Void playUntil(int port, long endNanos) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Thread.sleep(random.nextInt(5000));
        while (System.nanoTime() < endNanos) {
            try (RtmpClient player = client(port, m -> framesReceived.incrementAndGet())) {
                if (player.play(player.createStream(), "demo").code().equals(NetStatus.PLAY_START)) {
                    plays.incrementAndGet();
                    long stay = Math.min(TimeUnit.SECONDS.toMillis(5 + random.nextInt(35)),
                            TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime()));
                    long until = System.currentTimeMillis() + Math.max(0, stay);
                    while (System.currentTimeMillis() < until && !player.isClosedByServer()) {
                        Thread.sleep(100);
                    }
                } else {
                    playRefusals.incrementAndGet();
                }
            } catch (IOException e) {
                // the server ends players when a publish ends; a close during play or setup is part of the soak
            }
            Thread.sleep(random.nextInt(3000));
        }
        return null;
    }

    private static void sendFrames(RtmpClient publisher, int stream, int first, int count) throws IOException {
        for (int i = first; i < first + count; i++) {
            byte[] video = new byte[i % 50 == 0 ? 20_000 : 3_000];
            video[0] = (byte) (i % 50 == 0 ? 0x17 : 0x27);
            video[1] = 1;
            publisher.sendMedia(stream, MessageTypes.VIDEO, (long) i * FRAME_MILLIS, video);
            publisher.sendMedia(stream, MessageTypes.AUDIO, (long) i * FRAME_MILLIS, new byte[]{(byte) 0xAF, 1, 1, 2, 3});
        }
    }

    /** Waits until no publisher, player or connection is left (grace timers included), at most 60 s. */
    private static void awaitQuiet(RtmpServer server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while ((server.openConnections() > 0 || !server.players().isEmpty() || !server.publishers().isEmpty()
                || !server.liveStreams().isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(RtmpSettings.defaults().streams().reconnectGrace().toMillis() + 1000);
        assertThat(server.openConnections()).isZero();
        assertThat(server.players()).isEmpty();
        assertThat(server.publishers()).isEmpty();
    }

    private static RtmpClient client(int port, java.util.function.Consumer<dev.inlet.rtmp.RtmpMessage> media)
            throws IOException {
        return RtmpClient.connect("127.0.0.1", port, "live", Duration.ofSeconds(10), media);
    }

    private record Snapshot(long heapBytes, int threads, long fds) {

        static Snapshot take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            }
            return new Snapshot(heap, threads, fds);
        }

        @Override
        public String toString() {
            return "heap after GC %.1f MB, %d threads, %d open fds".formatted(heapBytes / 1048576.0, threads, fds);
        }
    }
}
