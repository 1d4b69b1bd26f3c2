package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.AnnexB;

import java.util.List;

/**
 * NAL unit framing: Annex-B splitting, and AVCC splitting with the length size (1..4) taken from the first input
 * byte. Whatever AVCC splitting accepts must survive AVCC re-framing unchanged.
 */
class AnnexBFuzzTest {

    @FuzzTest
    void fuzz(byte[] input) {
        FuzzContract.media(() -> AnnexB.splitNalUnits(input));
        if (input.length == 0) {
            return;
        }
        int lengthSize = (input[0] & 0x03) + 1;
        FuzzContract.media(() -> {
            List<byte[]> nals = AnnexB.fromAvcc(input, 1, lengthSize);
            List<byte[]> again = AnnexB.fromAvcc(AnnexB.toAvcc(nals, lengthSize), 0, lengthSize);
            FuzzContract.check(again.size() == nals.size(), "AVCC re-framing changed the number of NAL units");
            // Fuzzed NAL units may hold start codes of their own, so the Annex-B form need not split back the same.
            AnnexB.splitNalUnits(AnnexB.toAnnexB(nals));
        });
    }
}
