package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptDataWriterTest {

    @Test
    void writesANamedEcmaArray() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("width", 640.0);
        properties.put("stereo", true);
        properties.put("encoder", "Inlet");

        assertThat(ScriptDataWriter.message("onMetaData", properties)).isEqualTo(Hex.concat(
                Hex.bytes("02 000A"), "onMetaData".getBytes(),
                Hex.bytes("08 00000003"),
                Hex.bytes("0005"), "width".getBytes(), Hex.bytes("00 4084000000000000"),
                Hex.bytes("0006"), "stereo".getBytes(), Hex.bytes("01 01"),
                Hex.bytes("0007"), "encoder".getBytes(), Hex.bytes("02 0005"), "Inlet".getBytes(),
                Hex.bytes("0000 09")));
    }
}
