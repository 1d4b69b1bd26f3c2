package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.OpusHead;

/** The Opus identification header (the body of an Enhanced RTMP Opus SequenceStart). */
class OpusHeadFuzzTest {

    @FuzzTest
    void fuzz(byte[] head) {
        FuzzContract.media(() -> {
            OpusHead opus = OpusHead.parse(head);
            FuzzContract.check(opus.channels() > 0, "OpusHead with " + opus.channels() + " channels");
        });
    }
}
