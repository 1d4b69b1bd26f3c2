package dev.inlet.bench;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;

import java.io.IOException;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * One player's view, fed on its client's reader thread. Per message it does little: add the payload size,
 * look the message up in the publisher's log, mark its sequence number, and (inside the window) record
 * its forwarding latency.
 *
 * <p>"Missed" is defined from the first video keyframe this player received: every audio or video message
 * the publisher sent from that keyframe on, up to the end of the window, should arrive. This treats both
 * servers alike: nginx-rtmp starts a player at the next live keyframe, Inlet at the cached one.
 */
final class PlayerProbe implements Consumer<RtmpMessage> {

    private final Measurement measurement;
    private final BitSet received = new BitSet();
    private volatile RtmpClient client;
    private volatile long playSentNanos;
    private volatile long playStartedNanos;
    private volatile long firstVideoNanos;
    private volatile long firstKeyframeNanos;
    private volatile String failure;
    private volatile int firstSequence = -1;
    private long duplicates;

    PlayerProbe(Measurement measurement) {
        this.measurement = measurement;
    }

    @Override
    public void accept(RtmpMessage message) {
        int type = message.typeId();
        long now = System.nanoTime();
        measurement.receivedBytes.add(message.payload().length);
        if (type != MessageTypes.AUDIO && type != MessageTypes.VIDEO) {
            return;
        }
        if (type == MessageTypes.VIDEO && firstVideoNanos == 0) {
            firstVideoNanos = now;
        }
        int sequence = measurement.log.sequenceOf(type, message.timestamp());
        if (sequence < 0) {
            measurement.unmatchedMessages.increment();
            return;
        }
        if (firstSequence < 0) {
            if (type != MessageTypes.VIDEO || !FlvTag.isVideoKeyframe(message.payload())) {
                return;
            }
            firstSequence = sequence;
            firstKeyframeNanos = now;
        }
        if (sequence >= firstSequence && sequence <= measurement.lastCountedSequence) {
            synchronized (this) {
                if (received.get(sequence)) {
                    duplicates++;
                }
                received.set(sequence);
            }
        }
        long sentAt = measurement.log.sentAtNanos(sequence);
        if (measurement.measuresLatencyOf(sentAt)) {
            measurement.latency.record(now - sentAt);
        }
    }

    /** Connects, creates a stream and plays {@code name}; failures are kept, not thrown. */
    void play(String host, int port, String app, String name, java.time.Duration timeout) {
        try {
            client = RtmpClient.connect(host, port, app, timeout, this);
            int streamId = client.createStream();
            playSentNanos = System.nanoTime();
            var status = client.play(streamId, name);
            if (!"NetStream.Play.Start".equals(status.code())) {
                failure = "play refused: " + status.code();
                return;
            }
            playStartedNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
    }

    boolean playing() {
        return playStartedNanos != 0;
    }

    boolean closedByServer() {
        RtmpClient current = client;
        return current != null && current.isClosedByServer();
    }

    String failure() {
        return failure;
    }

    /** Milliseconds from sending play to the first video message (sequence header included), or NaN. */
    double millisToFirstVideo() {
        return firstVideoNanos == 0 || playSentNanos == 0 ? Double.NaN : (firstVideoNanos - playSentNanos) / 1e6;
    }

    /** Milliseconds from sending play to the first video keyframe, or NaN if none arrived. */
    double millisToFirstKeyframe() {
        return firstKeyframeNanos == 0 || playSentNanos == 0 ? Double.NaN : (firstKeyframeNanos - playSentNanos) / 1e6;
    }

    boolean hasKeyframe() {
        return firstKeyframeNanos != 0;
    }

    /** Audio/video messages sent from this player's first keyframe to the end of the window that never arrived. */
    synchronized long missed() {
        int last = measurement.lastCountedSequence;
        if (firstSequence < 0 || last == Integer.MAX_VALUE || last < firstSequence) {
            return 0;
        }
        int expected = last - firstSequence + 1;
        return expected - received.get(firstSequence, last + 1).cardinality();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    void close() {
        RtmpClient current = client;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing at the end of the run: nothing left to do with it
            }
        }
    }
}
