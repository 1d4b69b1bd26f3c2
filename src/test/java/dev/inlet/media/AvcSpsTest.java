package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SPS vectors captured from libx264 output (ffmpeg testsrc). */
class AvcSpsTest {

    @Test
    void readsACroppedHighProfileSps() {
        // 640x360: 23 macroblock rows (368 lines) cropped by 8
        AvcSps sps = AvcSps.parse(Hex.bytes("6764001eacd940a02ff97011000003000100000300320f162d96"));

        assertThat(sps).isEqualTo(new AvcSps(100, 30, 640, 360, 8, 1, 25.0));
    }

    @Test
    void readsA720pSps() {
        assertThat(AvcSps.parse(Hex.bytes("6764001facd9405005bb011000000300100000030320f1831960")))
                .isEqualTo(new AvcSps(100, 31, 1280, 720, 8, 1, 25.0));
    }

    @Test
    void readsAnInterlacedSps() {
        // frame_mbs_only_flag 0: heights count in field pairs
        assertThat(AvcSps.parse(Hex.bytes("67640015acd941410fcb808800000300080000030190f8a14cb0")))
                .isEqualTo(new AvcSps(100, 21, 320, 240, 8, 1, 25.0));
    }

    @Test
    void readsAHigh444Sps() {
        assertThat(AvcSps.parse(Hex.bytes("67f4000d919b28283f6022000003000200000300641e28532c")))
                .isEqualTo(new AvcSps(244, 13, 320, 240, 8, 3, 25.0));
    }

    @Test
    void rejectsTruncatedSpsAndOtherNalUnits() {
        byte[] sps = Hex.bytes("6764001eacd940a02ff97011000003000100000300320f162d96");
        for (int length = 1; length < 9; length++) {
            byte[] truncated = Arrays.copyOf(sps, length);
            assertThatThrownBy(() -> AvcSps.parse(truncated)).as("first %d bytes", length)
                    .isInstanceOf(MediaFormatException.class);
        }
        assertThatThrownBy(() -> AvcSps.parse(Hex.bytes("68ee3cb0"))).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> AvcSps.parse(new byte[0])).isInstanceOf(MediaFormatException.class);
    }
}
