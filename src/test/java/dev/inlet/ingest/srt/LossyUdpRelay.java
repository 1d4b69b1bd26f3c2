package dev.inlet.ingest.srt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bad network for one UDP flow, in the test itself (this kernel has no {@code netem}): the caller sends to
 * {@link #port()}, the relay forwards each datagram to the target from a second socket and the answers back to
 * the caller, in both directions dropping a share of the datagrams at random and delaying the others.
 *
 * <p>It also reads the SRT packets it carries towards the target: a data packet (first bit 0) whose message-number
 * word has the R flag (bit 0x04000000 of the second 32-bit word, SRT's "retransmitted packet" flag) is counted as a
 * retransmission the caller made. Two receiving threads and one delaying thread; {@link #close} stops and joins
 * them.
 */
final class LossyUdpRelay implements AutoCloseable {

    private static final int MAX_DATAGRAM = 65_536;
    private static final int RETRANSMITTED_FLAG = 0x04000000;

    private final DatagramChannel front;
    private final DatagramChannel back;
    private final double dropShare;
    private final long delayMillis;
    private final Random random;
    private final long seed;
    private final ScheduledExecutorService delays;
    private final Thread towardsTarget;
    private final Thread towardsCaller;
    private final AtomicReference<SocketAddress> caller = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong dataPackets = new AtomicLong();
    private final AtomicLong retransmittedDataPackets = new AtomicLong();
    private volatile boolean running = true;

    LossyUdpRelay(InetSocketAddress target, double dropShare, long delayMillis, long seed) {
        this.dropShare = dropShare;
        this.delayMillis = delayMillis;
        this.seed = seed;
        this.random = new Random(seed);
        try {
            front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delays = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "lossy-relay-delay"));
        towardsTarget = new Thread(this::forwardCallerToTarget, "lossy-relay-to-target");
        towardsCaller = new Thread(this::forwardTargetToCaller, "lossy-relay-to-caller");
        towardsTarget.start();
        towardsCaller.start();
    }

    int port() {
        try {
            return ((InetSocketAddress) front.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void forwardCallerToTarget() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (running) {
            try {
                buffer.clear();
                SocketAddress from = front.receive(buffer);
                caller.set(from);
                buffer.flip();
                byte[] datagram = copy(buffer);
                countSrtData(datagram);
                relay(datagram, () -> back.write(ByteBuffer.wrap(datagram)));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    private void forwardTargetToCaller() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (running) {
            try {
                buffer.clear();
                back.receive(buffer);
                buffer.flip();
                byte[] datagram = copy(buffer);
                SocketAddress to = caller.get();
                if (to != null) {
                    relay(datagram, () -> front.send(ByteBuffer.wrap(datagram), to));
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // the target's port refusing (ICMP unreachable after it closed) is not the relay's failure
                if (running && !(e instanceof java.net.PortUnreachableException)) {
                    fail(e);
                }
            }
        }
    }

    private interface Send {
        void run() throws IOException;
    }

    private void relay(byte[] datagram, Send send) {
        boolean drop;
        synchronized (random) {
            drop = random.nextDouble() < dropShare;
        }
        if (drop) {
            dropped.incrementAndGet();
            return;
        }
        delays.schedule(() -> {
            try {
                send.run();
                forwarded.incrementAndGet();
            } catch (ClosedChannelException e) {
                // closing
            } catch (IOException e) {
                if (running && !(e instanceof java.net.PortUnreachableException)) {
                    fail(e);
                }
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void countSrtData(byte[] datagram) {
        if (datagram.length < 16 || (datagram[0] & 0x80) != 0) {
            return; // too short for an SRT header, or a control packet
        }
        dataPackets.incrementAndGet();
        int messageWord = ((datagram[4] & 0xff) << 24) | ((datagram[5] & 0xff) << 16) | ((datagram[6] & 0xff) << 8)
                | (datagram[7] & 0xff);
        if ((messageWord & RETRANSMITTED_FLAG) != 0) {
            retransmittedDataPackets.incrementAndGet();
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] datagram = new byte[buffer.remaining()];
        buffer.get(datagram);
        return datagram;
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }

    long forwarded() {
        return forwarded.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** SRT data packets the caller sent (whether the relay then dropped them or not). */
    long dataPackets() {
        return dataPackets.get();
    }

    /** The caller's data packets that carried the retransmission flag. */
    long retransmittedDataPackets() {
        return retransmittedDataPackets.get();
    }

    /** An unexpected I/O error of the relay's threads, if any. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public String toString() {
        return "relay (seed " + seed + ", drop " + dropShare + ", delay " + delayMillis + " ms): " + forwarded()
                + " forwarded, " + dropped() + " dropped, " + dataPackets() + " data packets from the caller, "
                + retransmittedDataPackets() + " of them retransmissions" + (failure() == null ? ""
                : ", failed: " + failure());
    }

    /** Stops and joins the relay's threads and closes both sockets. */
    @Override
    public void close() {
        running = false;
        try {
            front.close();
            back.close();
        } catch (IOException e) {
            fail(e);
        }
        delays.shutdownNow();
        try {
            towardsTarget.join(5_000);
            towardsCaller.join(5_000);
            if (!delays.awaitTermination(5, TimeUnit.SECONDS) || towardsTarget.isAlive() || towardsCaller.isAlive()) {
                throw new IllegalStateException("the relay's threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the relay", e);
        }
    }
}
