package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.AvcSps;

/** The H.264 sequence parameter set reader on any NAL unit. */
class AvcSpsFuzzTest {

    @FuzzTest
    void fuzz(byte[] nal) {
        FuzzContract.media(() -> {
            AvcSps sps = AvcSps.parse(nal);
            FuzzContract.check(sps.width() > 0 && sps.height() > 0, "picture size " + sps.width() + "x" + sps.height());
        });
    }
}
