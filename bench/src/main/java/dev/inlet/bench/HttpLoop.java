package dev.inlet.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 client for load generation: keep-alive connections to one server, one request at a time per
 * connection, all driven by one selector thread (its tasks and timers run there too). It costs the load tool a few
 * tens of microseconds per request, where {@code java.net.http.HttpClient} cost it about a millisecond, so one core
 * keeps 500 low-latency HLS clients on time. Responses need a {@code Content-Length} or chunked encoding.
 */
final class HttpLoop implements Runnable {

    /** What a request came to: the status ({@link #CLOSED_BEFORE_RESPONSE} when the server had closed the
     *  keep-alive connection before answering, -1 when it failed otherwise or timed out), the body's length, and
     *  the body itself when it was asked for. */
    interface Handler {
        void done(int status, long length, byte[] body);
    }

    /** A reused keep-alive connection failed before any byte of the answer (the server had closed it, idle or at
     *  its request limit): send again on a new one. */
    static final int CLOSED_BEFORE_RESPONSE = -2;
    private static final String CLOSED_BY_SERVER = "closed by the server";
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InetSocketAddress server;
    private final Consumer<String> connectionTrouble;
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<Connection> open = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private long timerSequence;

    HttpLoop(InetSocketAddress server, Consumer<String> connectionTrouble) throws IOException {
        this.server = server;
        this.connectionTrouble = connectionTrouble;
        this.selector = Selector.open();
    }

    /** Runs {@code task} on the loop thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop thread after {@code delayMs}; call on the loop thread. */
    void after(long delayMs, Runnable task) {
        timers.add(new Timer(System.nanoTime() + delayMs * 1_000_000L, timerSequence++, task));
    }

    /** A new connection (connecting); call on the loop thread. */
    Connection open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(channel);
        if (channel.connect(server)) {
            connection.connected = true;
        }
        connection.key = channel.register(selector, connection.connected ? 0 : SelectionKey.OP_CONNECT, connection);
        open.add(connection);
        return connection;
    }

    @Override
    public void run() {
        long lastTimeoutSweep = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long now = System.nanoTime();
                Timer next = timers.peek();
                long waitMs = next == null ? 100 : Math.max(0, (next.dueNanos - now) / 1_000_000);
                if (!tasks.isEmpty() || waitMs == 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.min(waitMs, 100));
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    ((Connection) key.attachment()).ready(key);
                }
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                now = System.nanoTime();
                while (!timers.isEmpty() && timers.peek().dueNanos <= now) {
                    timers.poll().task.run();
                }
                if (now - lastTimeoutSweep > 500_000_000L) {
                    lastTimeoutSweep = now;
                    for (Connection connection : List.copyOf(open)) {
                        connection.checkTimeout(now);
                    }
                }
            } catch (IOException | RuntimeException e) {
                connectionTrouble.accept("loop: " + e);
            }
        }
    }

    private record Timer(long dueNanos, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** One keep-alive connection; one request at a time. */
    final class Connection {

        private final SocketChannel channel;
        private SelectionKey key;
        private boolean connected;
        private boolean closed;
        private ByteBuffer out;
        private Handler handler;
        private boolean keepBody;
        private long deadlineNanos;
        // the response being read
        private final ByteArrayOutputStream header = new ByteArrayOutputStream();
        private int lastFour;
        private boolean inBody;
        private int status;
        private long remaining;  // of the body, or of the current chunk
        private boolean chunked;
        private int chunkState;  // 0 size line, 1 data, 2 CRLF after data, 3 trailer
        private final StringBuilder chunkLine = new StringBuilder();
        private long length;
        private boolean closeAfter;
        private boolean responseStarted;
        private long served;
        private ByteArrayOutputStream body;

        private Connection(SocketChannel channel) {
            this.channel = channel;
        }

        boolean closed() {
            return closed;
        }

        /** Sends a GET for {@code pathAndQuery}; {@code handler} runs on the loop thread when it is over. */
        void get(String pathAndQuery, boolean keepBody, long timeoutNanos, Handler handler) {
            if (this.handler != null) {
                throw new IllegalStateException("one request at a time");
            }
            this.handler = handler;
            this.keepBody = keepBody;
            this.deadlineNanos = System.nanoTime() + timeoutNanos;
            out = ByteBuffer.wrap(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + server.getHostString() + ":"
                    + server.getPort() + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            header.reset();
            lastFour = 0;
            inBody = false;
            closeAfter = false;
            responseStarted = false;
            chunked = false;
            length = 0;
            body = keepBody ? new ByteArrayOutputStream() : null;
            if (connected) {
                write();
            }
        }

        private void ready(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    connected = true;
                    key.interestOps(0);
                    if (out != null) {
                        write();
                    }
                    return;
                }
                if (key.isWritable()) {
                    write();
                }
                if (key.isReadable()) {
                    read();
                }
            } catch (IOException | RuntimeException e) {
                fail(e.toString());
            }
        }

        private void write() {
            try {
                channel.write(out);
            } catch (IOException e) {
                fail(e.toString());
                return;
            }
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void read() throws IOException {
            while (true) {
                readBuffer.clear();
                int n = channel.read(readBuffer);
                if (n < 0) {
                    fail(CLOSED_BY_SERVER);
                    return;
                }
                if (n == 0) {
                    return;
                }
                readBuffer.flip();
                responseStarted = true;
                while (readBuffer.hasRemaining() && handler != null) {
                    if (!inBody) {
                        readHeader();
                    } else if (chunked) {
                        readChunked();
                    } else {
                        readBody((int) Math.min(remaining, readBuffer.remaining()));
                        if (remaining == 0) {
                            complete();
                        }
                    }
                }
                if (handler == null && readBuffer.hasRemaining()) {
                    fail("bytes after the response");
                    return;
                }
            }
        }

        private void readHeader() throws IOException {
            while (readBuffer.hasRemaining()) {
                byte b = readBuffer.get();
                header.write(b);
                lastFour = lastFour << 8 | (b & 0xFF);
                if (header.size() > MAX_HEADER_BYTES) {
                    throw new IOException("response header over " + MAX_HEADER_BYTES + " bytes");
                }
                if (lastFour == 0x0D0A0D0A) {
                    parseHeader(header.toString(StandardCharsets.ISO_8859_1));
                    inBody = true;
                    if (!chunked && remaining == 0) {
                        complete();
                    }
                    return;
                }
            }
        }

        private void parseHeader(String text) throws IOException {
            String[] lines = text.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response: " + lines[0]);
            }
            status = Integer.parseInt(statusLine[1]);
            remaining = -1;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].toLowerCase(Locale.ROOT);
                if (line.startsWith("content-length:")) {
                    remaining = Long.parseLong(line.substring(15).trim());
                } else if (line.startsWith("connection:") && line.contains("close")) {
                    closeAfter = true;
                } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                    chunked = true;
                    chunkState = 0;
                    chunkLine.setLength(0);
                }
            }
            if (!chunked && remaining < 0) {
                throw new IOException("response with neither Content-Length nor chunked encoding");
            }
            if (chunked) {
                remaining = 0;
            }
        }

        private void readBody(int count) {
            if (body != null) {
                byte[] chunk = new byte[count];
                readBuffer.get(chunk);
                body.write(chunk, 0, count);
            } else {
                readBuffer.position(readBuffer.position() + count);
            }
            length += count;
            remaining -= count;
        }

        private void readChunked() throws IOException {
            while (readBuffer.hasRemaining() && handler != null) {
                switch (chunkState) {
                    case 0, 3 -> {
                        char c = (char) readBuffer.get();
                        if (c != '\n') {
                            chunkLine.append(c);
                            continue;
                        }
                        String line = chunkLine.toString().trim();
                        chunkLine.setLength(0);
                        if (chunkState == 3) {
                            if (line.isEmpty()) {
                                complete();
                            }
                            continue;
                        }
                        int semicolon = line.indexOf(';');
                        remaining = Long.parseLong(semicolon < 0 ? line : line.substring(0, semicolon), 16);
                        chunkState = remaining == 0 ? 3 : 1;
                    }
                    case 1 -> {
                        readBody((int) Math.min(remaining, readBuffer.remaining()));
                        if (remaining == 0) {
                            chunkState = 2;
                        }
                    }
                    default -> {
                        if (readBuffer.get() == '\n') {
                            chunkState = 0;
                        }
                    }
                }
            }
        }

        private void complete() {
            Handler done = handler;
            handler = null;
            out = null;
            byte[] bytes = body == null ? null : body.toByteArray();
            body = null;
            served++;
            if (closeAfter) {
                close();
            }
            done.done(status, length, bytes);
        }

        private void checkTimeout(long now) {
            if (handler != null && now > deadlineNanos) {
                fail("timed out");
            }
        }

        private void fail(String why) {
            if (closed) {
                return;
            }
            boolean beforeResponse = !responseStarted;
            close();
            connectionTrouble.accept(why);
            Handler done = handler;
            handler = null;
            if (done != null) {
                done.done(beforeResponse && served > 0 ? CLOSED_BEFORE_RESPONSE : -1, length, null);
            }
        }

        private void close() {
            closed = true;
            open.remove(this);
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
