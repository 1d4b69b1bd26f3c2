package dev.inlet.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Port checks: is anybody listening, and has the listener gone. */
final class TcpPorts {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private TcpPorts() {
    }

    /**
     * True when this process can bind the port on the wildcard address, so nobody listens on it on any
     * interface. SO_REUSEADDR is on, as in Grizzly, so sockets of closed connections lingering in
     * TIME_WAIT do not count as a holder; a listening socket always does.
     */
    static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean acceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean awaitFree(int port, Duration limit) {
        return poll(() -> isFree(port), limit);
    }

    static boolean awaitListening(String host, int port, Duration limit) {
        return poll(() -> acceptsConnections(host, port), limit);
    }

    static boolean poll(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
