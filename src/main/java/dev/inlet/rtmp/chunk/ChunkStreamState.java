package dev.inlet.rtmp.chunk;

import java.util.Arrays;

/**
 * What the decoder remembers about one incoming chunk stream: the header of its latest message, which later
 * chunks may leave out (formats 1 to 3), and the message being reassembled, if any.
 */
final class ChunkStreamState {

    /** Where the buffer's memory is charged. */
    private final ReassemblyBudget.Account memory;

    ChunkStreamState(ReassemblyBudget.Account memory) {
        this.memory = memory;
    }

    /** First allocation for a message's payload; larger messages grow as their bytes arrive. */
    static final int INITIAL_CAPACITY = 64 * 1024;

    /** False until a format 0 chunk arrives; formats 1 to 3 have nothing to inherit before that. */
    boolean hasHeader;
    /** Absolute timestamp of the latest message, an unsigned 32-bit value. */
    long timestamp;
    /** The timestamp field of the latest format 0 to 2 header; a format 3 chunk starting a message adds it again. */
    long timestampDelta;
    int messageLength;
    int typeId;
    int messageStreamId;
    /** Whether the latest format 0 to 2 header used the extended timestamp field, and the value it held. */
    boolean extendedTimestamp;
    long extendedTimestampValue;

    /**
     * The message being reassembled; null between messages. It grows with the bytes that actually arrive, up to
     * the declared length (already checked against the limit), so a peer that declares big messages and never
     * sends them cannot make the decoder hold more than {@link #INITIAL_CAPACITY} per chunk stream. Its capacity is
     * charged to the connection's {@link ReassemblyBudget.Account} while it is held.
     */
    byte[] partialPayload;
    int bytesReceived;

    /** @throws dev.inlet.rtmp.LimitExceededException when the budget refuses the first buffer */
    void startMessage(int declaredLength) {
        int capacity = Math.min(declaredLength, INITIAL_CAPACITY);
        memory.reserve(capacity);
        partialPayload = new byte[capacity];
        bytesReceived = 0;
    }

    /**
     * Grows the buffer, never past the declared length, so a complete payload fits it exactly and is handed on
     * without another copy. It grows fourfold: a typical keyframe (up to 256 KiB) is then copied once, at 64 KiB,
     * and the buffer still never exceeds four times the bytes that actually arrived.
     */
    void ensureRoomFor(int moreBytes) {
        int needed = bytesReceived + moreBytes;
        if (needed > partialPayload.length) {
            int grown = (int) Math.min(messageLength, Math.max(needed, 4L * partialPayload.length));
            memory.reserve(grown - partialPayload.length);
            partialPayload = Arrays.copyOf(partialPayload, grown);
        }
    }

    boolean isReassembling() {
        return partialPayload != null;
    }

    /**
     * Hands over the completed payload: it is a message now, no longer held for reassembly, and the buffer is
     * credited back.
     */
    byte[] takeCompletedPayload() {
        byte[] payload = partialPayload;
        discardPartialMessage();
        return payload;
    }

    void discardPartialMessage() {
        if (partialPayload != null) {
            memory.release(partialPayload.length);
        }
        partialPayload = null;
        bytesReceived = 0;
    }
}
