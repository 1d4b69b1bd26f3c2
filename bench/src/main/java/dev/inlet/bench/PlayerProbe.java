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
 * its forwarding latency: only for messages published after this player sent play, because a catch-up frame's
 * age is not a forwarding delay (live messages queued behind the catch-up still count, with their wait).
 *
 * <p>"Missed" is defined from the first video keyframe this player received: every audio or video message
 * the publisher sent from that keyframe on should arrive. This treats both servers alike: nginx-rtmp starts a
 * player at the next live keyframe, Inlet at the cached one. A message counts as missed when a later one
 * arrived and it did not (a hole); messages not yet arrived at the end count as "behind", not missed.
 */
final class PlayerProbe implements Consumer<RtmpMessage> {

    private final Measurement measurement;
    private final BitSet received = new BitSet();
    private volatile RtmpClient client;
    private volatile long connectStartNanos;
    private volatile long playSentNanos;
    private volatile long playStartedNanos;
    private volatile long firstVideoNanos;
    private volatile long firstKeyframeNanos;
    private volatile String failure;
    private volatile int firstSequence = -1;
    private long duplicates;
    private int highestSequence = -1;

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
        if (new FlvTag(type, message.timestamp(), message.payload()).isHeader()) {
            return; // sequence headers are not part of the live sequence (servers stamp them as they like)
        }
        int sequence = measurement.log.sequenceOf(type, message.timestamp());
        if (sequence < 0) {
            measurement.unmatchedMessages.increment();
            return;
        }
        if (measurement.log.payloadLength(sequence) != message.payload().length) {
            measurement.mislabelledMessages.increment();
            measurement.reportAnomaly("type " + type + " timestamp " + message.timestamp() + ": " + message.payload().length
                    + " bytes received, " + measurement.log.payloadLength(sequence) + " published under that timestamp");
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
                    measurement.reportAnomaly("duplicate: type " + type + " timestamp " + message.timestamp()
                            + " (sequence " + sequence + ", highest so far " + highestSequence + ")");
                }
                received.set(sequence);
                highestSequence = Math.max(highestSequence, sequence);
            }
        }
        long sentAt = measurement.log.sentAtNanos(sequence);
        if (measurement.measuresLatencyOf(sentAt)) {
            measurement.latencyWithCatchUp.record(now - sentAt);
            if (sentAt >= playSentNanos) {
                measurement.latency.record(now - sentAt);
            }
        }
    }

    /** Connects, creates a stream and plays {@code name}; failures are kept, not thrown. */
    void play(String host, int port, String app, String name, java.time.Duration timeout) {
        connectStartNanos = System.nanoTime();
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

    /** Milliseconds from opening the connection to Play.Start (handshake, connect, createStream, play), or NaN. */
    double millisToJoin() {
        return playStartedNanos == 0 ? Double.NaN : (playStartedNanos - connectStartNanos) / 1e6;
    }

    boolean hasKeyframe() {
        return firstKeyframeNanos != 0;
    }

    /**
     * Holes: audio/video messages sent from this player's first keyframe up to the last one it received
     * (within the window) that never arrived. Messages still in flight at the end are {@link #behind}.
     */
    synchronized long missed() {
        int last = Math.min(highestSequence, measurement.lastCountedSequence);
        if (firstSequence < 0 || last < firstSequence) {
            return 0;
        }
        return (last - firstSequence + 1) - received.get(firstSequence, last + 1).cardinality();
    }

    /** Messages of the window published after the last one this player received: still queued somewhere. */
    synchronized long behind() {
        int last = measurement.lastCountedSequence;
        if (firstSequence < 0 || last == Integer.MAX_VALUE) {
            return 0;
        }
        return Math.max(0, last - Math.max(highestSequence, firstSequence - 1));
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
