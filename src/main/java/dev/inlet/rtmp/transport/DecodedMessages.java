package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.RtmpMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What the chunk codec passes up the chain for one read: the messages completed and the byte count so far. One per
 * connection, refilled on every read (the session filter handles it before the next read of that connection
 * starts), so a read costs no list of its own.
 */
final class DecodedMessages {

    private final List<RtmpMessage> messages = new ArrayList<>();
    private long totalBytesRead;

    List<RtmpMessage> messages() {
        return messages;
    }

    long totalBytesRead() {
        return totalBytesRead;
    }

    void totalBytesRead(long total) {
        totalBytesRead = total;
    }
}
