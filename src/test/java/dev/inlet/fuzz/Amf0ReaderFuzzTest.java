package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.amf.Amf0Reader;
import dev.inlet.rtmp.amf.AmfLimits;

import java.nio.ByteBuffer;

/**
 * AMF0 values (with the AVM+ switch into AMF3) read to the end of the input, once with the production limits and
 * once with small ones that the fuzzer can actually reach.
 */
class Amf0ReaderFuzzTest {

    private static final AmfLimits SMALL = new AmfLimits(4, 16, 256);

    @FuzzTest
    void fuzz(byte[] input) {
        readAll(input, AmfLimits.defaults());
        readAll(input, SMALL);
    }

    private static void readAll(byte[] input, AmfLimits limits) {
        ByteBuffer buffer = ByteBuffer.wrap(input);
        FuzzContract.rtmp(() -> {
            new Amf0Reader(buffer, limits).readAll();
            FuzzContract.check(!buffer.hasRemaining(), "readAll stopped before the end of the input");
        });
    }
}
