package dev.inlet.api.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.ReadRequest;
import dev.inlet.core.Reading;
import dev.inlet.core.StreamCore;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One HTTP-FLV client without a servlet container: a fake non-blocking output and async context. */
class HttpFlvPlayerTest {

    private static final PlayInfo INFO = new PlayInfo("10.0.0.7:4000", "http-flv", "test-agent", "demo");
    private static final byte[] BODY = {0x17, 1, 0, 0, 0, 9, 9, 9};

    private final StreamCore core = new StreamCore(CoreSettings.defaults(), new InMemoryRegistry(),
            new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()), Executors.defaultThreadFactory());
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger slowPeers = new AtomicInteger();
    private final AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{AsyncContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("complete")) {
                    completions.incrementAndGet();
                }
                return null;
            });

    /**
     * A socket that takes what it is given while {@code ready}, and says when it could take more; with a
     * {@code threshold}, like a container's write queue, it stops being ready once that much is unsent.
     */
    private static class FakeOutput extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final List<Integer> writes = new CopyOnWriteArrayList<>();
        volatile boolean ready = true;
        volatile long threshold = Long.MAX_VALUE;
        volatile WriteListener listener;

        @Override
        public boolean isReady() {
            return ready && written.size() < threshold;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) {
            written.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!isReady()) {
                throw new IllegalStateException("written while not ready: a container would block or fail here");
            }
            writes.add(len);
            written.write(b, off, len);
        }
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private HttpFlvPlayer player(FakeOutput out, long maxQueuedBytes) {
        return new HttpFlvPlayer(async, out, INFO, maxQueuedBytes, aborts::incrementAndGet, slowPeers::incrementAndGet);
    }

    private Reading admit(HttpFlvPlayer player) throws Exception {
        core.setPlayFunc((name, info, p) -> () -> { });
        return core.admitReader(new ReadRequest("http-flv", "demo", null, "http-1", INFO), player)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void nothingReachesTheSocketBeforeAdmissionThenTagsGoOutWithTheirOwnHeaderAndTrailer() throws Exception {
        FakeOutput out = new FakeOutput();
        HttpFlvPlayer player = player(out, 1 << 20);
        player.writeTag(9, 40, BODY); // the catch-up, while the core is still admitting

        assertThat(out.written.size()).isZero();
        player.started(admit(player));
        assertThat(out.listener).isSameAs(player);
        player.onWritePossible();

        byte[] bytes = out.written.toByteArray();
        assertThat(bytes).hasSize(13 + 11 + BODY.length + 4);
        assertThat(new String(bytes, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FLV");
        assertThat(bytes[13]).isEqualTo((byte) 9); // tag type
        assertThat(bytes[13 + 3] & 0xFF).isEqualTo(BODY.length); // data size (low byte)
        assertThat(bytes[13 + 6] & 0xFF).isEqualTo(40); // timestamp (low byte)
        assertThat(java.util.Arrays.copyOfRange(bytes, 24, 24 + BODY.length)).isEqualTo(BODY);
        assertThat(player.bytesSent()).isEqualTo(BODY.length);
        assertThat(player.backlogBytes()).isZero();
        assertThat(core.players()).singleElement().satisfies(view -> assertThat(view.bytesSent()).isEqualTo(BODY.length));
    }

    @Test
    void aClientThatStopsReadingIsClosedPastItsQueueBound() throws Exception {
        FakeOutput out = new FakeOutput();
        HttpFlvPlayer player = player(out, 64);
        player.started(admit(player));
        out.ready = false; // the client stopped reading

        player.writeTag(9, 0, new byte[100]);
        assertThat(player.backlogBytes()).isGreaterThan(64);
        assertThatThrownBy(() -> player.writeTag(9, 33, BODY)).isInstanceOf(IOException.class)
                .hasMessageContaining("too slow");

        assertThat(player.isOpen()).isFalse();
        assertThat(slowPeers).as("counted as a slow peer, once").hasValue(1);
        assertThat(aborts).as("its connection reset, not ended behind what it does not read").hasValue(1);
        assertThat(completions).hasValue(1);
        assertThat(core.players()).as("the core freed its slot").isEmpty();
    }

    @Test
    void aLargeTagGoesToTheContainerInSlicesOnlyWhileItIsReady() throws Exception {
        FakeOutput out = new FakeOutput();
        HttpFlvPlayer player = player(out, 1 << 20);
        player.started(admit(player));
        player.onWritePossible(); // the FLV header
        out.threshold = out.written.size() + 100_000; // the container holds this much, then makes the player wait

        player.writeTag(9, 0, new byte[300_000]);

        assertThat(out.writes).as("no write larger than a slice").allSatisfy(
                size -> assertThat(size).isLessThanOrEqualTo(HttpFlvPlayer.WRITE_SLICE_BYTES));
        long handed = out.written.size() - 13;
        assertThat(handed).as("the container got slices until it was full, no more").isEqualTo(11 + 2L * 64 * 1024);
        assertThat(player.backlogBytes()).as("what waits here, and the last slice the container has not completed")
                .isEqualTo(11 + 300_000 + 4 - handed + HttpFlvPlayer.WRITE_SLICE_BYTES);

        out.threshold = Long.MAX_VALUE; // the client reads again
        player.onWritePossible();

        assertThat(out.written.size()).isEqualTo(13 + 11 + 300_000 + 4);
        assertThat(player.backlogBytes()).isZero();
        assertThat(slowPeers).hasValue(0);
        assertThat(aborts).hasValue(0);
    }

    @Test
    void aContainerThatNeverCompletesItsWriteCountsItUntilThePlayerIsDropped() throws Exception {
        FakeOutput out = new FakeOutput();
        long bound = 256 * 1024;
        HttpFlvPlayer player = player(out, bound);
        player.started(admit(player));
        player.onWritePossible();
        out.threshold = out.written.size() + 1; // takes one write, then never completes it: a client that stopped

        Throwable failure = null;
        for (int i = 0; i < 100 && failure == null; i++) {
            try {
                player.writeTag(9, i * 40L, new byte[50_000]);
            } catch (IOException e) {
                failure = e;
            }
        }

        assertThat(failure).hasMessageContaining("too slow");
        assertThat(out.written.size()).as("the container was handed one slice and nothing after it")
                .isEqualTo(13 + 11);
        assertThat(slowPeers).hasValue(1);
        assertThat(aborts).hasValue(1);
        assertThat(player.backlogBytes()).as("what was queued is dropped").isZero();
        assertThat(core.players()).isEmpty();
    }

    @Test
    void aKickResetsTheConnectionCompletesTheResponseAndFreesTheSlotOnce() throws Exception {
        FakeOutput out = new FakeOutput();
        HttpFlvPlayer player = player(out, 1 << 20);
        player.started(admit(player));

        assertThat(core.kick("http-1", "kicked by an administrator")).isTrue();
        player.close("request complete"); // the container's onComplete follows

        assertThat(player.isOpen()).isFalse();
        assertThat(aborts).hasValue(1);
        assertThat(slowPeers).hasValue(0);
        assertThat(completions).hasValue(1);
        assertThat(core.players()).isEmpty();
        assertThatThrownBy(() -> player.writeTag(9, 0, BODY)).isInstanceOf(IOException.class);
    }

    @Test
    void theEndOfTheStreamEndsAReadingClientGracefullyAndResetsAStalledOne() throws Exception {
        FakeOutput reading = new FakeOutput();
        HttpFlvPlayer keepsUp = player(reading, 1 << 20);
        keepsUp.started(admit(keepsUp));
        keepsUp.onWritePossible();
        keepsUp.end("the stream ended");
        assertThat(aborts).as("a client that takes what it is sent gets the end of the response").hasValue(0);
        assertThat(completions).hasValue(1);

        FakeOutput stalled = new FakeOutput();
        HttpFlvPlayer behind = player(stalled, 1 << 20);
        stalled.threshold = 1; // the container takes the FLV header and never completes it
        behind.started(core.admitReader(new ReadRequest("http-flv", "demo", null, "http-2", INFO), behind)
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
        behind.onWritePossible();
        behind.end("player stayed behind the live stream for more than 10 s");

        assertThat(aborts).as("a graceful end would wait for a client that does not read").hasValue(1);
        assertThat(completions).hasValue(2);
        assertThat(slowPeers).hasValue(0);
    }

    @Test
    void aRefusedPlayerWritesNothingOfTheStream() throws Exception {
        FakeOutput out = new FakeOutput();
        HttpFlvPlayer player = player(out, 1 << 20);
        player.writeTag(9, 0, BODY);

        player.refused();

        assertThat(player.isOpen()).isFalse();
        assertThat(player.backlogBytes()).isZero();
        assertThat(out.written.size()).isZero();
    }

    /**
     * A container holds its own lock while it tells the player the client is gone, and takes that lock on every
     * write. The publisher's write must not hold the player's lock meanwhile, or neither thread ever returns (what
     * hung an SRT publish and the undeploy on Payara Server).
     */
    @Test
    void aContainerClosingThePlayerUnderItsLockWhileThePublisherWritesDoesNotDeadlock() throws Exception {
        Object containerLock = new Object();
        FakeOutput out = new FakeOutput() {
            @Override
            public boolean isReady() {
                synchronized (containerLock) {
                    return super.isReady();
                }
            }
        };
        HttpFlvPlayer player = player(out, 1 << 20);
        player.started(admit(player));
        Thread publisher = new Thread(() -> {
            try {
                player.writeTag(9, 40, BODY);
            } catch (IOException leftMeanwhile) {
                // the player may be gone by the time the write is queued
            }
        }, "publisher");
        synchronized (containerLock) {
            publisher.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> publisher.getState() == Thread.State.BLOCKED);
            Thread container = new Thread(() -> player.onError(new IOException("client gone")), "container");
            container.start();
            container.join(5_000);
            assertThat(container.isAlive()).as("the container's close waited for the publisher's write").isFalse();
        }
        publisher.join(5_000);
        assertThat(publisher.isAlive()).isFalse();
        assertThat(player.isOpen()).isFalse();
        assertThat(core.players()).isEmpty();
    }
}
