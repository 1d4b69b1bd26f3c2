package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FlvFileWriterTest {

    @Test
    void writesHeaderTagsAndPreviousTagSizes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FlvFileWriter writer = new FlvFileWriter(bytes, true, true)) {
            writer.writeTag(FlvTagSink.AUDIO, 0x12345678L, Hex.bytes("AF 01 21"));
            writer.writeTag(FlvTagSink.VIDEO, 40, Hex.bytes("27 01 000000"));
        }

        assertThat(bytes.toByteArray()).isEqualTo(Hex.concat(
                Hex.bytes("464C56 01 05 00000009"), Hex.bytes("00000000"),
                // type 8, size 3, timestamp 0x345678 with extended byte 0x12, stream id 0
                Hex.bytes("08 000003 345678 12 000000"), Hex.bytes("AF 01 21"), Hex.bytes("0000000E"),
                Hex.bytes("09 000005 000028 00 000000"), Hex.bytes("27 01 000000"), Hex.bytes("00000010")));
    }

    @Test
    void setsOnlyTheFlagsOfTheTracksPresent() throws IOException {
        ByteArrayOutputStream audioOnly = new ByteArrayOutputStream();
        new FlvFileWriter(audioOnly, true, false).close();
        ByteArrayOutputStream videoOnly = new ByteArrayOutputStream();
        new FlvFileWriter(videoOnly, false, true).close();

        assertThat(audioOnly.toByteArray()[4]).isEqualTo((byte) 0x04);
        assertThat(videoOnly.toByteArray()[4]).isEqualTo((byte) 0x01);
    }

    @Test
    void rejectsWhatFlvCannotHold() throws IOException {
        try (FlvFileWriter writer = new FlvFileWriter(new ByteArrayOutputStream(), true, true)) {
            assertThatThrownBy(() -> writer.writeTag(7, 0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.writeTag(FlvTagSink.VIDEO, -1, new byte[1])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.writeTag(FlvTagSink.VIDEO, 0, new byte[1 << 24])).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
