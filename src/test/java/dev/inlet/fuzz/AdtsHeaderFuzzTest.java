package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.AdtsHeader;
import dev.inlet.media.AudioSpecificConfig;

import java.util.Arrays;

/** ADTS headers: walks the input frame by frame as an ADTS stream reader would; also the header-only config reader. */
class AdtsHeaderFuzzTest {

    @FuzzTest
    void fuzz(byte[] stream) {
        FuzzContract.media(() -> AudioSpecificConfig.fromAdts(Arrays.copyOf(stream, Math.min(stream.length, 9))));
        FuzzContract.media(() -> {
            int offset = 0;
            while (offset < stream.length) {
                AdtsHeader header = AdtsHeader.parse(stream, offset);
                FuzzContract.check(header.payloadLength() >= 0, "negative payload length in " + header);
                offset += header.frameLength();
            }
        });
    }
}
