package dev.inlet.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkLimits;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TCP may cut the chunk stream anywhere, so the decoder must produce the same messages (and reject the same input)
 * however the bytes are split. The input starts with up to 16 piece lengths (1 byte each, from the end of the data,
 * as {@link FuzzedDataProvider} reads integers); the rest is the chunk stream. Limits are small so the fuzzer
 * reaches them.
 */
class ChunkDecoderSplitFuzzTest {

    private static final ChunkLimits LIMITS = new ChunkLimits(64 * 1024, 64 * 1024, 8);

    @FuzzTest
    void fuzz(FuzzedDataProvider data) {
        int pieces = data.consumeInt(0, 16);
        int[] pieceLengths = new int[pieces];
        for (int i = 0; i < pieces; i++) {
            pieceLengths[i] = data.consumeInt(0, 255);
        }
        byte[] stream = data.consumeRemainingAsBytes();

        Outcome whole = decode(stream, new int[0]);
        Outcome split = decode(stream, pieceLengths);
        FuzzContract.check(whole.rejected == split.rejected,
                "rejected whole: " + whole.rejected + ", rejected split " + Arrays.toString(pieceLengths) + ": "
                        + split.rejected);
        FuzzContract.check(whole.messages.equals(split.messages),
                "whole gave " + whole.messages + ", split " + Arrays.toString(pieceLengths) + " gave " + split.messages);
    }

    /** Feeds the stream in pieces of the given lengths (the rest in one), keeping unconsumed bytes as a transport does. */
    private static Outcome decode(byte[] stream, int[] pieceLengths) {
        ChunkDecoder decoder = new ChunkDecoder(LIMITS);
        List<String> messages = new ArrayList<>();
        ByteBuffer pending = ByteBuffer.allocate(0);
        int offset = 0;
        try {
            for (int piece = 0; piece <= pieceLengths.length; piece++) {
                int length = piece < pieceLengths.length
                        ? Math.min(pieceLengths[piece], stream.length - offset) : stream.length - offset;
                ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + length);
                joined.put(pending).put(stream, offset, length).flip();
                offset += length;
                decoder.decode(joined, m -> messages.add(describe(m)));
                pending = joined.slice();
            }
            return new Outcome(messages, false);
        } catch (RtmpProtocolException rejected) {
            return new Outcome(messages, true);
        }
    }

    private static String describe(RtmpMessage m) {
        return m + " payload " + Arrays.hashCode(m.payload());
    }

    private record Outcome(List<String> messages, boolean rejected) {
    }
}
