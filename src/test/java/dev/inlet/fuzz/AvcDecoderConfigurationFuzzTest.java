package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.AvcDecoderConfiguration;

/** The AVCDecoderConfigurationRecord (an AVC sequence header body), its re-encoding and its first SPS. */
class AvcDecoderConfigurationFuzzTest {

    @FuzzTest
    void fuzz(byte[] record) {
        FuzzContract.media(() -> {
            AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(record);
            AvcDecoderConfiguration again = AvcDecoderConfiguration.parse(config.toBytes());
            FuzzContract.check(config.equals(again), "toBytes does not parse back to the same record: " + config);
            config.toString();
            config.firstSps();
        });
    }
}
