package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.RtmpMessage;

import java.util.List;

/** What the chunk codec passes up the chain for one read: the messages completed and the byte count so far. */
record DecodedMessages(List<RtmpMessage> messages, long totalBytesRead) {
}
