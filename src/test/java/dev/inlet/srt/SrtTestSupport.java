package dev.inlet.srt;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/** What the SRT tests share: the real library (or a clear failure), thread tracking, a byte-collecting listener. */
final class SrtTestSupport {

    static final Path LOGS = Path.of("target", "srt-tests");

    private SrtTestSupport() {
    }

    /** The installed libsrt; fails (never skips) when it is missing, as CI installs it. */
    static LibSrt library() {
        SrtLibrary.Status status = SrtLibrary.load();
        if (!status.available()) {
            throw new AssertionError("The SRT tests need Debian's libsrt (apt-get install libsrt1.5-openssl "
                    + "srt-tools): " + status.description());
        }
        return status.require();
    }

    static SrtListenerSettings loopback(int port) {
        return SrtListenerSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** A thread factory that remembers its threads, to check that stop() ends them. */
    static final class Threads implements ThreadFactory {
        final List<Thread> created = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        }
    }

    /** Keeps what a connection received (up to a bound) and why it closed. */
    static final class Collector implements SrtConnection.Listener {
        private static final int LIMIT = 16 << 20;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final List<Integer> messageLengths = new CopyOnWriteArrayList<>();
        final AtomicReference<String> closedReason = new AtomicReference<>();

        @Override
        public synchronized void onData(byte[] message, int length) {
            messageLengths.add(length);
            if (received.size() + length <= LIMIT) {
                received.write(message, 0, length);
            }
        }

        @Override
        public void onClosed(String reason) {
            closedReason.set(reason);
        }

        synchronized byte[] bytes() {
            return received.toByteArray();
        }

        List<Integer> messageLengths() {
            return messageLengths;
        }
    }
}
