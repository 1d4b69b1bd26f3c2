package dev.inlet.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The write-behind of every recording of the node: the ingest threads hand over fragments ({@link #append}), one
 * thread of its own writes them. Bounded in bytes, per recording and in total: a fragment that does not fit is refused
 * at once, so a slow or stalled disk fails its recordings rather than slowing the publisher or holding memory.
 */
final class DiskWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DiskWriter.class.getName());

    /** Opens a recording's file for appending; a test puts a failing or slow disk here. */
    @FunctionalInterface
    interface Opener {
        WritableByteChannel open(Path path) throws IOException;

        Opener FILES = path -> FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** One recording's file as the writer sees it. */
    static final class Target {
        private final Path path;
        private final Consumer<IOException> onFailure;
        private final AtomicLong queued = new AtomicLong();
        private volatile long written;
        private volatile IOException failure;
        private WritableByteChannel channel;

        Target(Path path, Consumer<IOException> onFailure) {
            this.path = path;
            this.onFailure = onFailure;
        }

        Path path() {
            return path;
        }

        /** Bytes on disk so far. */
        long written() {
            return written;
        }

        long queued() {
            return queued.get();
        }

        IOException failure() {
            return failure;
        }
    }

    private sealed interface Task permits Append, Close {
    }

    private record Append(Target target, byte[] bytes) implements Task {
    }

    private record Close(Target target, Runnable then) implements Task {
    }

    private final Opener opener;
    private final long maxPerTarget;
    private final long maxTotal;
    private final AtomicLong queuedTotal = new AtomicLong();
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    DiskWriter(Opener opener, long maxPerTarget, long maxTotal, ThreadFactory threads) {
        this.opener = opener;
        this.maxPerTarget = maxPerTarget;
        this.maxTotal = maxTotal;
        this.thread = threads.newThread(this::run);
        thread.setName("inlet-recording-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code bytes} for the end of the target's file; false (nothing queued) when the target failed or its
     * queue or the node's is full.
     */
    boolean append(Target target, byte[] bytes) {
        if (closed || target.failure != null) {
            return false;
        }
        long size = bytes.length;
        if (target.queued.get() + size > maxPerTarget) {
            return false;
        }
        if (queuedTotal.addAndGet(size) > maxTotal) {
            queuedTotal.addAndGet(-size);
            return false;
        }
        target.queued.addAndGet(size);
        tasks.add(new Append(target, bytes));
        return true;
    }

    /** Closes the target's file once what was queued before is written, then runs {@code then} (on this writer). */
    void close(Target target, Runnable then) {
        tasks.add(new Close(target, then));
    }

    /** Bytes waiting for the disk, all recordings together. */
    long queuedBytes() {
        return queuedTotal.get();
    }

    private void run() {
        while (true) {
            Task task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                break; // close() drained what it could
            }
            perform(task);
        }
    }

    private void perform(Task task) {
        if (task instanceof Append append) {
            Target target = append.target();
            try {
                if (target.failure == null) {
                    if (target.channel == null) {
                        target.channel = opener.open(target.path);
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(append.bytes());
                    while (buffer.hasRemaining()) {
                        target.channel.write(buffer);
                    }
                    target.written += append.bytes().length;
                }
            } catch (IOException | RuntimeException e) {
                fail(target, e instanceof IOException io ? io : new IOException(e));
            } finally {
                target.queued.addAndGet(-append.bytes().length);
                queuedTotal.addAndGet(-append.bytes().length);
            }
        } else if (task instanceof Close close) {
            Target target = close.target();
            try {
                if (target.channel != null) {
                    if (target.channel instanceof FileChannel file) {
                        file.force(false);
                    }
                    target.channel.close();
                }
            } catch (IOException e) {
                if (target.failure == null) {
                    fail(target, e);
                }
            }
            try {
                close.then().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "after closing " + target.path + ": " + e, e);
            }
        }
    }

    private void fail(Target target, IOException e) {
        target.failure = e;
        try {
            if (target.channel != null) {
                target.channel.close();
            }
        } catch (IOException ignored) {
            // the first error is what the recording reports
        }
        target.onFailure.accept(e);
    }

    /** Writes what is queued (for at most {@code timeoutMillis}), then stops the thread and joins it. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!tasks.isEmpty() && System.nanoTime() < deadline && thread.isAlive()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("the recording writer did not stop within 5 s (a stalled disk?)");
        }
    }
}
