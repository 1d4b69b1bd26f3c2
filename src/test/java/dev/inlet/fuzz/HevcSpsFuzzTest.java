package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.HevcSps;

/** The H.265 sequence parameter set reader (profile, picture size, bit depth, VUI frame rate) on any NAL unit. */
class HevcSpsFuzzTest {

    @FuzzTest
    void fuzz(byte[] nal) {
        FuzzContract.media(() -> {
            HevcSps sps = HevcSps.parse(nal);
            FuzzContract.check(sps.width() > 0 && sps.height() > 0, "picture size " + sps.width() + "x" + sps.height());
            FuzzContract.check(sps.frameRate() >= 0 && Double.isFinite(sps.frameRate()), "frame rate " + sps.frameRate());
        });
    }
}
