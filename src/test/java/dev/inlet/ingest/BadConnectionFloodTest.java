package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 connections that send garbage or nothing are each closed within their own time limit, while a publish
 * and a play on the same server go on without a gap.
 *
 * <p>The bad connections are opened from a small thread pool and then watched with one selector, so the test
 * measures when the server closed each one, not when the test got round to looking.
 */
class BadConnectionFloodTest {

    private static final int CONNECTIONS = 1000;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** The idle check runs once a second; the rest is room for a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofMillis(2500);
    private static final int FRAME_MILLIS = 40;

    /** What a bad connection does, and how long the server may take to close it (from connect). */
    private enum Kind {
        SILENT(HANDSHAKE_TIMEOUT),
        GARBAGE_HANDSHAKE(Duration.ZERO),
        HANDSHAKE_THEN_SILENT(IDLE_TIMEOUT.plusSeconds(1)),
        HANDSHAKE_THEN_GARBAGE(Duration.ZERO);

        final Duration limit;

        Kind(Duration limit) {
            this.limit = limit;
        }
    }

    private record Watched(Kind kind, long connectedNanos, SocketChannel channel) {
    }

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;

    @BeforeEach
    void start() {
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withHandshakeTimeout(HANDSHAKE_TIMEOUT)
                .withTimeouts(Duration.ofSeconds(3), IDLE_TIMEOUT)
                .withConnections(5000, 2 * CONNECTIONS),
                registry, Executors.defaultThreadFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void everyBadConnectionIsClosedInTimeWhileThePublishAndPlayGoOn() throws Exception {
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger framesSent = new AtomicInteger();
        AtomicLong lastFrameAt = new AtomicLong();
        AtomicLong longestGapNanos = new AtomicLong();
        AtomicInteger framesReceived = new AtomicInteger();
        try (RtmpClient publisher = Loopback.client(server, null);
             RtmpClient player = Loopback.client(server, message -> {
                 if (message.typeId() == MessageTypes.VIDEO) {
                     long now = System.nanoTime();
                     long previous = lastFrameAt.getAndSet(now);
                     if (previous != 0) {
                         longestGapNanos.accumulateAndGet(now - previous, Math::max);
                     }
                     framesReceived.incrementAndGet();
                 }
             })) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            Thread feeder = new Thread(() -> feed(publisher, stream, publishing, framesSent), "flood-test-publisher");
            feeder.start();
            Loopback.awaitLive(server);
            assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
            long playStart = System.nanoTime();
            while (framesReceived.get() < 10 && System.nanoTime() - playStart < TimeUnit.SECONDS.toNanos(5)) {
                Thread.sleep(10);
            }
            assertThat(framesReceived.get()).as("the player receives before the flood").isGreaterThanOrEqualTo(10);
            longestGapNanos.set(0);
            int sentBefore = framesSent.get();
            int receivedBefore = framesReceived.get();

            Map<Kind, List<Long>> closeMillis = flood();

            publishing.set(false);
            feeder.join(5000);
            int sentDuring = framesSent.get() - sentBefore;
            int receivedDuring = framesReceived.get() - receivedBefore;
            assertThat(publisher.isClosedByServer()).as("publisher still connected").isFalse();
            assertThat(player.isClosedByServer()).as("player still connected").isFalse();
            System.out.printf("during the flood: %d frames sent, %d received, longest gap %d ms%n", sentDuring,
                    receivedDuring, TimeUnit.NANOSECONDS.toMillis(longestGapNanos.get()));
            assertThat(receivedDuring).as("frames the player received while %d were sent", sentDuring)
                    .isGreaterThanOrEqualTo(sentDuring - 5);
            assertThat(Duration.ofNanos(longestGapNanos.get())).as("longest gap between frames at the player")
                    .isLessThan(Duration.ofMillis(1000));

            for (Kind kind : Kind.values()) {
                List<Long> millis = closeMillis.get(kind);
                assertThat(millis).as("%s connections closed by the server", kind).hasSize(CONNECTIONS / 4);
                long slowest = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
                assertThat(slowest).as("slowest close of a %s connection, ms after connecting", kind)
                        .isLessThanOrEqualTo(kind.limit.plus(SLACK).toMillis());
                System.out.printf("%s: %d closed, slowest after %d ms (limit %d ms + slack)%n", kind, millis.size(),
                        slowest, kind.limit.toMillis());
            }
        }
        Map<String, Long> reasons = server.closeReasons();
        System.out.println("close reasons: " + reasons);
        assertThat(reasons.get("handshake_timeout")).isGreaterThanOrEqualTo(CONNECTIONS / 4);
        assertThat(reasons.get("handshake_failed")).isGreaterThanOrEqualTo(CONNECTIONS / 4);
        assertThat(reasons.get("idle_timeout")).isGreaterThanOrEqualTo(CONNECTIONS / 4);
        assertThat(reasons.get("malformed")).isGreaterThanOrEqualTo(CONNECTIONS / 4);
        long deadline = System.currentTimeMillis() + 5000;
        while (server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.openConnections()).as("nothing left open").isZero();
    }

    /** Opens the bad connections from a small pool and returns, per kind, how long each lived (ms). */
    private Map<Kind, List<Long>> flood() throws Exception {
        ConcurrentLinkedQueue<Watched> opened = new ConcurrentLinkedQueue<>();
        Map<Kind, List<Long>> closeMillis = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            closeMillis.put(kind, new ArrayList<>());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Selector selector = Selector.open()) {
            List<Future<?>> openers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Kind kind = Kind.values()[i % 4];
                long seed = i;
                openers.add(pool.submit(() -> {
                    opened.add(open(kind, new Random(seed)));
                    selector.wakeup();
                    return null;
                }));
            }
            ByteBuffer sink = ByteBuffer.allocate(16 * 1024);
            int closed = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (closed < CONNECTIONS && System.nanoTime() < deadline) {
                for (Watched watched; (watched = opened.poll()) != null; ) {
                    watched.channel().configureBlocking(false);
                    watched.channel().register(selector, SelectionKey.OP_READ, watched);
                }
                selector.select(200);
                for (SelectionKey ready : selector.selectedKeys()) {
                    Watched watched = (Watched) ready.attachment();
                    int read;
                    do {
                        sink.clear();
                        try {
                            read = watched.channel().read(sink);
                        } catch (IOException reset) {
                            read = -1;
                        }
                    } while (read > 0);
                    if (read < 0) {
                        long lived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - watched.connectedNanos());
                        closeMillis.get(watched.kind()).add(lived);
                        ready.cancel();
                        watched.channel().close();
                        closed++;
                    }
                }
                selector.selectedKeys().clear();
            }
            for (Future<?> opener : openers) {
                opener.get(); // surfaces a failure to connect
            }
            for (SelectionKey open : selector.keys()) {
                open.channel().close();
            }
        } finally {
            pool.shutdownNow();
        }
        return closeMillis;
    }

    private Watched open(Kind kind, Random random) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.boundPort()));
        long connected = System.nanoTime();
        switch (kind) {
            case SILENT -> {
            }
            case GARBAGE_HANDSHAKE -> {
                byte[] garbage = new byte[1537 + random.nextInt(2000)];
                random.nextBytes(garbage);
                garbage[0] = (byte) (4 + random.nextInt(200)); // any version but 3
                writeFully(channel, garbage);
            }
            case HANDSHAKE_THEN_SILENT -> handshake(channel, random);
            case HANDSHAKE_THEN_GARBAGE -> {
                handshake(channel, random);
                byte[] garbage = new byte[64 + random.nextInt(1000)];
                random.nextBytes(garbage);
                garbage[0] = 0x43; // a format 1 chunk before any format 0 chunk on its stream
                writeFully(channel, garbage);
            }
        }
        return new Watched(kind, connected, channel);
    }

    private static void handshake(SocketChannel channel, Random random) throws IOException {
        byte[] c0c1 = new byte[1537];
        random.nextBytes(c0c1);
        c0c1[0] = 3;
        writeFully(channel, c0c1);
        ByteBuffer s0s1s2 = ByteBuffer.allocate(3073);
        while (s0s1s2.hasRemaining()) {
            if (channel.read(s0s1s2) < 0) {
                throw new IOException("closed during the handshake");
            }
        }
        writeFully(channel, java.util.Arrays.copyOfRange(s0s1s2.array(), 1, 1537)); // C2 echoes S1
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void feed(RtmpClient publisher, int stream, AtomicBoolean running, AtomicInteger sent) {
        byte[] header = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 4, 0x67, 0x64, 0, 0x1F, 1, 0,
                2, 0x68, (byte) 0xEE};
        try {
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, header);
            long start = System.nanoTime();
            for (int i = 0; running.get(); i++) {
                byte[] frame = new byte[2000];
                frame[0] = (byte) (i % 25 == 0 ? 0x17 : 0x27);
                frame[1] = 1;
                publisher.sendMedia(stream, MessageTypes.VIDEO, (long) i * FRAME_MILLIS, frame);
                sent.incrementAndGet();
                long next = start + TimeUnit.MILLISECONDS.toNanos((long) (i + 1) * FRAME_MILLIS);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("publisher failed", e);
        }
    }

}
