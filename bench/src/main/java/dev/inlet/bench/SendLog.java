package dev.inlet.bench;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the publisher sent and when: each message gets a sequence number, keyed by (type, timestamp) so
 * that a player can find it again without anything embedded in the media. Bounded: past {@code capacity}
 * messages nothing more is recorded (the tool's run is bounded in time, so the capacity is sized for it).
 */
final class SendLog {

    private final long[] sentAtNanos;
    private final int[] payloadLengths;
    private final ConcurrentHashMap<Long, Integer> sequenceByKey;
    private volatile int lastSequence = -1;

    SendLog(int capacity) {
        sentAtNanos = new long[capacity];
        payloadLengths = new int[capacity];
        sequenceByKey = new ConcurrentHashMap<>(capacity * 2);
    }

    /** Records a message about to be sent; returns its sequence number, or -1 when the log is full. */
    int record(int type, long timestamp, int payloadLength, long nowNanos) {
        int sequence = lastSequence + 1; // only the publisher thread records
        if (sequence >= sentAtNanos.length) {
            return -1;
        }
        sentAtNanos[sequence] = nowNanos;
        payloadLengths[sequence] = payloadLength;
        sequenceByKey.put(key(type, timestamp), sequence); // publishes sentAtNanos[sequence] to readers
        lastSequence = sequence;
        return sequence;
    }

    /** The sequence number of a message a player received, or -1 if the publisher never sent it. */
    int sequenceOf(int type, long timestamp) {
        Integer sequence = sequenceByKey.get(key(type, timestamp));
        return sequence == null ? -1 : sequence;
    }

    /** Only valid for a sequence number obtained from {@link #sequenceOf}. */
    long sentAtNanos(int sequence) {
        return sentAtNanos[sequence];
    }

    /** Only valid for a sequence number obtained from {@link #sequenceOf}. */
    int payloadLength(int sequence) {
        return payloadLengths[sequence];
    }

    int lastSequence() {
        return lastSequence;
    }

    private static long key(int type, long timestamp) {
        return ((long) type << 32) | (timestamp & 0xFFFF_FFFFL);
    }
}
