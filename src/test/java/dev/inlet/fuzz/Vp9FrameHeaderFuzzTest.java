package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.Vp9FrameHeader;

/** The start of a VP9 uncompressed frame header on any frame body. */
class Vp9FrameHeaderFuzzTest {

    @FuzzTest
    void fuzz(byte[] frame) {
        FuzzContract.media(() -> Vp9FrameHeader.parse(frame).ifPresent(header -> {
            FuzzContract.check(header.profile() >= 0 && header.profile() <= 3, "profile " + header.profile());
            FuzzContract.check(!header.keyframe() || header.width() > 0 && header.height() > 0,
                    "key frame size " + header.width() + "x" + header.height());
        }));
    }
}
