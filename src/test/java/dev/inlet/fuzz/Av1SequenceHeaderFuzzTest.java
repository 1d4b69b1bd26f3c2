package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.Av1SequenceHeader;

/** The AV1 sequence header OBU reader (OBU header and size field included), as the av1C and the packetizer use it. */
class Av1SequenceHeaderFuzzTest {

    @FuzzTest
    void fuzz(byte[] obu) {
        FuzzContract.media(() -> {
            Av1SequenceHeader header = Av1SequenceHeader.parseObu(obu);
            FuzzContract.check(header.width() > 0 && header.height() > 0,
                    "picture size " + header.width() + "x" + header.height());
            FuzzContract.check(header.frameRate() >= 0 && Double.isFinite(header.frameRate()),
                    "frame rate " + header.frameRate());
        });
    }
}
