package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.AggregateMessages;

import java.util.List;

/** Splitting an aggregate message (type 22) whose body is the input. */
class AggregateMessagesFuzzTest {

    private static final int MAX_MESSAGE_SIZE = 64 * 1024;

    @FuzzTest
    void fuzz(byte[] body) {
        RtmpMessage aggregate = new RtmpMessage(MessageTypes.AGGREGATE, 1, 0xFFFF_FF00L, body);
        FuzzContract.rtmp(() -> {
            List<RtmpMessage> parts = AggregateMessages.split(aggregate, MAX_MESSAGE_SIZE);
            long partBytes = parts.stream().mapToLong(RtmpMessage::length).sum();
            FuzzContract.check(partBytes + 15L * parts.size() == body.length,
                    "sub-messages and their 15 bytes of framing must add up to the body");
            FuzzContract.check(parts.stream().noneMatch(p -> p.typeId() == MessageTypes.AGGREGATE),
                    "an aggregate must not yield a nested aggregate");
        });
    }
}
