package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkLimits;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The chunk decoder on arbitrary bytes after the handshake, in one piece, with the production limits. */
class ChunkDecoderFuzzTest {

    @FuzzTest
    void fuzz(byte[] input) {
        ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(input);
        List<RtmpMessage> messages = new ArrayList<>();
        FuzzContract.rtmp(() -> {
            decoder.decode(in, messages::add);
            FuzzContract.check(decoder.bytesConsumed() == in.position(),
                    "bytesConsumed " + decoder.bytesConsumed() + " differs from the position " + in.position());
            long payloadBytes = messages.stream().mapToLong(RtmpMessage::length).sum();
            FuzzContract.check(payloadBytes <= input.length, "more payload bytes out than bytes in");
        });
    }
}
