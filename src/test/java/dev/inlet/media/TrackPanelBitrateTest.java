package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The panel's bitrate over its window and frame rate from frame times, on an injected clock. */
class TrackPanelBitrateTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final TrackPanel panel = new TrackPanel(now::get, 5 * SECOND);

    /** An AVC inter frame of {@code size} bytes of body. */
    private static FlvVideoTag frame(int size) {
        byte[] body = new byte[size];
        body[0] = 0x27;
        body[1] = 1;
        return FlvVideoTag.parse(body);
    }

    @Test
    void theBitrateIsWhatArrivedInTheLastWindowAndFallsToZeroWhenNothingMoreComes() {
        for (int i = 0; i < 250; i++) { // 25 frames a second of 10,000 bytes (9,995 after the tag header), for 10 s
            panel.onVideo(frame(10_000), i * 40L);
            now.addAndGet(SECOND / 25);
        }
        assertThat(panel.snapshot()).singleElement().satisfies(track -> {
            assertThat(track.bitrateKbps()).isBetween(1_950L, 2_050L); // 1,999 kbit/s, within a frame of the window
            assertThat(track.codec()).isEqualTo("h264");
            assertThat(track.frameRate()).isEqualTo(25.0);
        });

        now.addAndGet(6 * SECOND);

        assertThat(panel.snapshot().get(0).bitrateKbps()).isZero();
    }

    @Test
    void aLongRunNobodyAsksAboutStillMeasuresOnlyItsLastWindow() {
        for (int i = 0; i < 500_000; i++) { // about 5.5 hours of a 25 fps track, nobody asking
            panel.onVideo(frame(16), i * 40L);
            now.addAndGet(SECOND / 25);
        }

        assertThat(panel.snapshot()).singleElement().satisfies(track -> {
            assertThat(track.bitrateKbps()).isEqualTo(Math.round((16 - 5) * 25 * 8 / 1000.0));
            assertThat(track.frameRate()).isEqualTo(25.0);
        });
    }
}
