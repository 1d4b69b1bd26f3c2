package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.chunk.ReassemblyBudget;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@link ConnectionOutput}'s closes over a real socket whose peer stops reading: Grizzly's graceful close waits
 * behind the queued writes for as long as the peer keeps the connection, so only an abort frees it at once.
 */
class ConnectionOutputTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final int MESSAGE_BYTES = 64 * 1024;

    private final ConnectionFailures failures = new ConnectionFailures();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Connection<?>> accepted = new LinkedBlockingQueue<>();
    private final CountDownLatch closedOnServer = new CountDownLatch(1);
    private TCPNIOTransport transport;
    private int port;
    private Socket peer;
    private Connection<?> serverSide;

    @BeforeEach
    void listen() throws IOException {
        transport = TCPNIOTransportBuilder.newInstance().build();
        // Grizzly's own bound (4 send buffers) would fail the writes first; the output's bound is under test here.
        transport.getAsyncQueueIO().getWriter().setMaxPendingBytesPerConnection(-1);
        transport.setProcessor(FilterChainBuilder.stateless()
                .add(new TransportFilter())
                .add(new ChunkCodecFilter(ChunkLimits.defaults(), ReassemblyBudget.unlimited(), failures))
                .add(new BaseFilter() {
                    @Override
                    public NextAction handleAccept(FilterChainContext ctx) {
                        accepted.add(ctx.getConnection());
                        return ctx.getInvokeAction();
                    }

                    @Override
                    public NextAction handleClose(FilterChainContext ctx) {
                        closedOnServer.countDown();
                        return ctx.getInvokeAction();
                    }
                })
                .build());
        TCPNIOServerConnection server = transport.bind("127.0.0.1", 0);
        transport.start();
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @AfterEach
    void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
        timer.shutdownNow();
        transport.shutdownNow();
    }

    @Test
    void closeDropsWhatIsQueuedAndResetsTheSocketAtOnce() throws Exception {
        ConnectionOutput output = outputToAPeerThatDoesNotRead(Long.MAX_VALUE, ConnectionCloser.FLUSH_BOUND);
        fillUntilQueued(output, 1024 * 1024);

        output.close("kicked");

        assertThat(closedOnServer.await(WITHIN_A_SECOND.toMillis(), TimeUnit.MILLISECONDS))
                .as("the server's connection is gone within a second although the peer still reads nothing").isTrue();
        assertThat(output.pendingBytes()).as("nothing stays queued for the peer").isZero();
        await("Grizzly's queue dropped").atMost(WITHIN_A_SECOND)
                .until(() -> ((NIOConnection) serverSide).getAsyncWriteQueue().peek() == null);
        assertThat(readToTheEnd(peer)).as("the kernel dropped the unsent bytes: the peer gets a reset, not the rest")
                .isInstanceOf(SocketException.class);
        assertThat(failures.closeKinds()).containsEntry(CloseKind.ABORTED, 1L).containsEntry(CloseKind.AFTER_FLUSH, 0L);
    }

    @Test
    void aPeerOverTheQueueBoundIsClosedAsSlowAndFreedAtOnce() throws Exception {
        ConnectionOutput output = outputToAPeerThatDoesNotRead(512 * 1024, ConnectionCloser.FLUSH_BOUND);

        fillUntilQueued(output, Long.MAX_VALUE); // returns once the output has given up on the peer

        assertThat(failures.snapshot()).containsEntry("slow_peer", 1L);
        assertThat(closedOnServer.await(WITHIN_A_SECOND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(readToTheEnd(peer)).isInstanceOf(SocketException.class);
    }

    @Test
    void closeAfterFlushDeliversWhatIsQueuedToAPeerThatReads() throws Exception {
        ConnectionOutput output = outputToAPeerThatDoesNotRead(Long.MAX_VALUE, ConnectionCloser.FLUSH_BOUND);
        long queued = fillUntilQueued(output, 1024 * 1024);

        output.closeAfterFlush("refused");
        long received = 0;
        InputStream in = peer.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            received += n;
        }

        assertThat(received).as("every message queued before the close arrives (with its chunk headers), then the end")
                .isGreaterThanOrEqualTo(queued);
        assertThat(closedOnServer.await(WITHIN_A_SECOND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(failures.snapshot()).doesNotContainKey("flush_timeout");
        assertThat(failures.closeKinds()).containsEntry(CloseKind.AFTER_FLUSH, 1L).containsEntry(CloseKind.ABORTED, 0L);
    }

    @Test
    void closeAfterFlushAbortsAPeerThatDoesNotTakeItWithinTheBound() throws Exception {
        Duration bound = Duration.ofMillis(300);
        ConnectionOutput output = outputToAPeerThatDoesNotRead(Long.MAX_VALUE, bound);
        fillUntilQueued(output, 1024 * 1024);

        output.closeAfterFlush("refused");

        assertThat(closedOnServer.await(bound.plus(WITHIN_A_SECOND).toMillis(), TimeUnit.MILLISECONDS))
                .as("the graceful close is bounded in time").isTrue();
        await().atMost(WITHIN_A_SECOND).until(() -> failures.snapshot().containsKey("flush_timeout"));
        assertThat(failures.closeKinds()).containsEntry(CloseKind.AFTER_FLUSH, 1L).containsEntry(CloseKind.ABORTED, 1L);
        assertThat(readToTheEnd(peer)).isInstanceOf(SocketException.class);
    }

    /** A connected peer with a small receive buffer that reads nothing until the test says so. */
    private ConnectionOutput outputToAPeerThatDoesNotRead(long maxQueuedBytes, Duration flushBound) throws Exception {
        peer = new Socket();
        peer.setReceiveBufferSize(8 * 1024);
        peer.connect(new InetSocketAddress("127.0.0.1", port));
        serverSide = accepted.poll(5, TimeUnit.SECONDS);
        assertThat(serverSide).isNotNull();
        return new ConnectionOutput(serverSide, failures, new ConnectionCloser(failures, timer, flushBound),
                maxQueuedBytes);
    }

    /** Sends until at least {@code bytes} wait in Grizzly's queue or the output stops taking messages; the bytes sent. */
    private static long fillUntilQueued(ConnectionOutput output, long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (output.pendingBytes() < bytes && System.nanoTime() < deadline) {
            long before = output.bytesSent();
            output.send(4, new RtmpMessage(MessageTypes.VIDEO, 1, 0, new byte[MESSAGE_BYTES]));
            if (output.bytesSent() == before) {
                return before; // closed
            }
        }
        assertThat(output.pendingBytes()).as("the peer's socket filled up").isGreaterThanOrEqualTo(Math.min(bytes, 1));
        return output.bytesSent();
    }

    /** Reads until the end of the stream; what ended it (null for an orderly end). */
    private static Throwable readToTheEnd(Socket socket) throws IOException {
        socket.setSoTimeout((int) WITHIN_A_SECOND.toMillis());
        return catchThrowable(() -> {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // drain what arrived before the close
            }
        });
    }
}
