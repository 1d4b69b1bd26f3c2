package dev.inlet.bench;

import dev.inlet.rtmp.client.RtmpClient;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays the workload in real time on one RTMP connection: each frame is sent when its timestamp is due
 * on the wall clock, and the send time is logged just before the bytes leave. The lag (how late a frame
 * left compared with when it was due) shows whether the server ever held the publisher back.
 */
final class Publisher implements AutoCloseable {

    private final RtmpClient client;
    private final int streamId;
    private final Workload workload;
    private final SendLog log;
    private final long deadlineNanos;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long maxLagNanos;
    private volatile long sentBytes;
    private volatile long sentMessages;
    private volatile IOException failure;

    Publisher(RtmpClient client, int streamId, Workload workload, SendLog log, long deadlineNanos) {
        this.client = client;
        this.streamId = streamId;
        this.workload = workload;
        this.log = log;
        this.deadlineNanos = deadlineNanos;
        this.thread = new Thread(this::run, "bench-publisher");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        thread.start();
    }

    /** Forgets the lag seen so far, so that {@link #maxLagMillis} covers the measurement window only. */
    void resetLag() {
        maxLagNanos = 0;
    }

    double maxLagMillis() {
        return maxLagNanos / 1e6;
    }

    /** Payload bytes sent so far (headers and frames). */
    long sentBytes() {
        return sentBytes;
    }

    /** Audio and video messages sent so far (the headers not counted). */
    long sentMessages() {
        return sentMessages;
    }

    IOException failure() {
        return failure;
    }

    private void run() {
        long start = System.nanoTime();
        try {
            for (FlvTag header : workload.headers()) {
                // not logged: servers resend headers with whatever timestamp the player is at
                client.sendMedia(streamId, header.type(), 0, header.body());
                sentBytes += header.body().length;
            }
            for (int loop = 0; !stopped; loop++) {
                for (FlvTag frame : workload.frames()) {
                    long timestamp = workload.timestampIn(loop, frame);
                    long due = start + timestamp * 1_000_000L;
                    long now;
                    while ((now = System.nanoTime()) < due && !stopped) {
                        LockSupport.parkNanos(due - now);
                    }
                    if (stopped || now > deadlineNanos) {
                        return;
                    }
                    maxLagNanos = Math.max(maxLagNanos, now - due);
                    send(frame.type(), timestamp, frame.body(), now);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    private void send(int type, long timestamp, byte[] body, long now) throws IOException {
        log.record(type, timestamp, body.length, now);
        client.sendMedia(streamId, type, timestamp, body);
        sentBytes += body.length; // only this thread writes
        sentMessages++;
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
