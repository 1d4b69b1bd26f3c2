package dev.inlet.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Av1ObusTest {

    @Test
    void anObuWhoseExtensionByteIsMissingIsRefusedNotReadAsAOneByteSequenceHeader() {
        // 0x0C: a sequence header OBU with the extension flag set and no size field, and nothing after it
        assertThatThrownBy(() -> Av1Obus.split(new byte[]{0x0C}))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("extension header missing");
    }

    @Test
    void anObuWithItsExtensionByteIsSplitWithTheHeaderCounted() {
        // temporal delimiter with extension byte and size 0, then a padding OBU with size 1
        byte[] data = {0x16, 0x00, 0x00, 0x7A, 0x01, 0x55};

        assertThat(Av1Obus.split(data)).hasSize(2);
        assertThat(Av1Obus.split(data).get(0).type()).isEqualTo(2);
    }
}
