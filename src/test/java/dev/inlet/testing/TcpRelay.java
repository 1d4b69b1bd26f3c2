package dev.inlet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay for ONE client connection that records the first bytes of each direction: how the real traffic
 * captures under {@code src/test/resources/captures} were made. Everything is forwarded unchanged; only the
 * recording is capped, so a long stream costs no memory.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final int recordLimit;
    private final BoundedRecording clientToServer;
    private final BoundedRecording serverToClient;
    private final CountDownLatch closed = new CountDownLatch(2);
    private final Thread acceptor;
    private volatile Socket client;
    private volatile Socket server;

    private TcpRelay(InetSocketAddress upstream, int recordLimit) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        this.recordLimit = recordLimit;
        this.clientToServer = new BoundedRecording(recordLimit);
        this.serverToClient = new BoundedRecording(recordLimit);
        this.acceptor = new Thread(this::relayOneConnection, "tcp-relay-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Listens on an ephemeral port of 127.0.0.1 and relays the first connection to {@code upstream}. */
    public static TcpRelay start(InetSocketAddress upstream, int recordLimit) {
        try {
            return new TcpRelay(upstream, recordLimit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The first {@code recordLimit} bytes the client sent. */
    public byte[] clientToServer() {
        return clientToServer.bytes();
    }

    /** The first {@code recordLimit} bytes the server sent. */
    public byte[] serverToClient() {
        return serverToClient.bytes();
    }

    /** Waits until both directions have recorded {@code recordLimit} bytes or were closed. */
    public boolean awaitRecorded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean clientDone = clientToServer.size() >= recordLimit || closed.getCount() < 2;
            if (clientDone && (serverToClient.size() >= recordLimit || closed.getCount() == 0)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits until both directions of the relayed connection have ended. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closeQuietly(listener);
        closeQuietly(client);
        closeQuietly(server);
    }

    private void relayOneConnection() {
        try {
            client = listener.accept();
            server = new Socket(upstream.getAddress(), upstream.getPort());
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            pump(client, server, clientToServer, "client->server");
            pump(server, client, serverToClient, "server->client");
        } catch (IOException e) {
            close();
            closed.countDown();
            closed.countDown();
        }
    }

    private void pump(Socket from, Socket to, BoundedRecording recording, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    recording.append(buffer, read);
                    out.write(buffer, 0, read);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException connectionEnded) {
                closeQuietly(to);
                closeQuietly(from);
            } finally {
                closed.countDown();
            }
        }, "tcp-relay-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort: the peer may already be gone.
        }
    }

    /** Keeps the first {@code limit} bytes appended and drops the rest. */
    private static final class BoundedRecording {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        BoundedRecording(int limit) {
            this.limit = limit;
        }

        synchronized void append(byte[] buffer, int length) {
            int kept = Math.min(length, limit - bytes.size());
            if (kept > 0) {
                bytes.write(buffer, 0, kept);
            }
        }

        synchronized int size() {
            return bytes.size();
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
