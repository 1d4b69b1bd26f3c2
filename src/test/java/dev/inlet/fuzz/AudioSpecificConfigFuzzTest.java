package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.AudioSpecificConfig;

/** The AAC AudioSpecificConfig (an AAC sequence header body) and its re-encoding. */
class AudioSpecificConfigFuzzTest {

    @FuzzTest
    void fuzz(byte[] asc) {
        FuzzContract.media(() -> {
            AudioSpecificConfig config = AudioSpecificConfig.parse(asc);
            AudioSpecificConfig again = AudioSpecificConfig.parse(config.toBytes());
            FuzzContract.check(config.equals(again), "toBytes does not parse back to " + config);
        });
    }
}
