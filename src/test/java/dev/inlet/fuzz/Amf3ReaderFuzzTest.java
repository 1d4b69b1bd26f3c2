package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.amf.Amf3Reader;
import dev.inlet.rtmp.amf.AmfLimits;

import java.nio.ByteBuffer;

/**
 * AMF3 values read one after another to the end of the input (so later values may refer to earlier ones), once
 * with the production limits and once with small ones.
 */
class Amf3ReaderFuzzTest {

    private static final AmfLimits SMALL = new AmfLimits(4, 16, 256);

    @FuzzTest
    void fuzz(byte[] input) {
        readAll(input, AmfLimits.defaults());
        readAll(input, SMALL);
    }

    private static void readAll(byte[] input, AmfLimits limits) {
        ByteBuffer buffer = ByteBuffer.wrap(input);
        FuzzContract.rtmp(() -> {
            Amf3Reader reader = new Amf3Reader(buffer, limits);
            while (reader.hasRemaining()) {
                int before = buffer.position();
                reader.read();
                FuzzContract.check(buffer.position() > before, "a value consumed no bytes");
            }
        });
    }
}
