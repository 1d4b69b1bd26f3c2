package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void theThirtyTwoBitWrapContinuesUpwards() {
        Timeline timeline = new Timeline();
        assertThat(timeline.map(0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
        assertThat(timeline.map(0xFFFF_FFE0L)).isEqualTo(0xFFFF_FFE0L);
        assertThat(timeline.map(0x10)).isEqualTo(0x1_0000_0010L);
        assertThat(timeline.map(0x30)).isEqualTo(0x1_0000_0030L);
        assertThat(timeline.reanchors()).isZero();
    }

    @Test
    void bFrameReorderingAndInterleavingPassUnchanged() {
        Timeline timeline = new Timeline();
        long[] wire = {1000, 1080, 1040, 1020, 1160, 1120, 1100, 1015};
        for (long timestamp : wire) {
            assertThat(timeline.map(timestamp)).isEqualTo(timestamp);
        }
        assertThat(timeline.reanchors()).isZero();
    }

    @Test
    void negativeCompositionTimeIsSignExtendedByTheTagHeader() {
        FlvVideoTag tag = FlvVideoTag.parse(Hex.bytes("27 01 FFFFD8 00000001 41"));
        assertThat(tag.compositionTime()).isEqualTo(-40);
        FlvVideoTag hevc = FlvVideoTag.parse(Hex.bytes("A1 68766331 FFFFEC 00"));
        assertThat(hevc.compositionTime()).isEqualTo(-20);
    }

    @Test
    void aJumpBeyondTheThresholdReanchors() {
        Timeline timeline = new Timeline(2000);
        timeline.map(1000);
        timeline.map(1040);
        assertThat(timeline.map(90_000)).as("forward jump continues one step on").isEqualTo(1080);
        assertThat(timeline.map(90_040)).isEqualTo(1120);
        assertThat(timeline.map(10)).as("backward jump (encoder clock restart)").isEqualTo(1160);
        assertThat(timeline.map(50)).isEqualTo(1200);
        assertThat(timeline.reanchors()).isEqualTo(2);
    }

    @Test
    void aJumpBelowAConfiguredThresholdPasses() {
        Timeline timeline = new Timeline(10_000);
        timeline.map(0);
        assertThat(timeline.map(5000)).isEqualTo(5000);
    }

    @Test
    void aReconnectContinuesInsteadOfRestartingAtZero() {
        Timeline timeline = new Timeline();
        for (long timestamp = 0; timestamp <= 5000; timestamp += 40) {
            timeline.map(timestamp);
        }
        timeline.reconnect();
        assertThat(timeline.map(0)).as("the new encoder starts at 0").isEqualTo(5000 + 40);
        assertThat(timeline.map(40)).isEqualTo(5080);
        assertThat(timeline.reanchors()).isEqualTo(1);
    }

    @Test
    void outputIsNeverNegative() {
        Timeline timeline = new Timeline();
        timeline.map(10);
        assertThat(timeline.map(0xFFFF_FFF0L)).as("-16 relative to 10 stays at 0, not 2^32").isZero();
    }
}
