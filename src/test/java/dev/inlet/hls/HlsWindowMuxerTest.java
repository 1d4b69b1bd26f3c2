package dev.inlet.hls;

import dev.inlet.hls.HlsWindow.Outcome;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.Vectors;
import dev.inlet.media.fmp4.Fmp4Muxer;
import dev.inlet.media.fmp4.Fragment;
import dev.inlet.media.fmp4.InitSegment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The window fed by the real muxer from the committed H.264 vector. */
class HlsWindowMuxerTest {

    private static final Pattern PART = Pattern.compile("#EXT-X-PART:DURATION=([0-9.]+),URI=\"(part-\\d+\\.m4s)\"(,INDEPENDENT=YES)?");

    @Test
    void theMuxersFragmentsBecomePartsOfKeyFrameAlignedSegments() throws Exception {
        HlsWindow window = new HlsWindow(new HlsWindow.Settings(50, 1_000, 200, 64 << 20, 10), Clock.systemUTC());
        List<Fragment> fragments = new ArrayList<>();
        List<InitSegment> inits = new ArrayList<>();
        Fmp4Muxer muxer = new Fmp4Muxer(new Fmp4Muxer.Sink() {
            @Override
            public void onInitSegment(InitSegment init) {
                inits.add(init);
                window.onInitSegment(init);
            }

            @Override
            public void onFragment(Fragment fragment) {
                fragments.add(fragment);
                window.onFragment(fragment);
            }
        }, new Fmp4Muxer.Settings(200, 2_000, 16 << 20));
        Vectors.Read read = Vectors.packets("h264-high.flv");
        muxer.configure(FrameKind.H264, read.converter().avcConfig().toBytes());
        for (AVPacket packet : read.packets()) {
            muxer.write(packet);
        }
        muxer.flush();
        window.end();
        String playlist = window.render(PlaylistQuery.PLAIN, "");

        assertThat(fragments).isNotEmpty();
        assertThat(playlist).contains("PART-TARGET=0.200");
        Matcher part = PART.matcher(playlist);
        int listed = 0;
        while (part.find()) {
            listed++;
            assertThat(Double.parseDouble(part.group(1))).isLessThanOrEqualTo(0.2);
        }
        assertThat(listed).isEqualTo(fragments.size());
        int checked = 0;
        // every segment opens with an independent part, and its bytes are its parts'
        for (String segmentBlock : playlist.split("#EXT-X-PROGRAM-DATE-TIME:[^\n]*\n")) {
            if (!segmentBlock.startsWith("#EXT-X-PART:")) {
                continue;
            }
            assertThat(segmentBlock.substring(0, segmentBlock.indexOf('\n'))).endsWith(",INDEPENDENT=YES");
            Matcher parts = PART.matcher(segmentBlock);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            while (parts.find()) {
                window.resource(parts.group(2), null).resource().writeTo(expected);
            }
            Matcher segment = Pattern.compile("(seg-\\d+\\.m4s)").matcher(segmentBlock);
            assertThat(segment.find()).isTrue();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            HlsWindow.Answer answer = window.resource(segment.group(1), null);
            assertThat(answer.outcome()).isEqualTo(Outcome.READY);
            answer.resource().writeTo(actual);
            assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
            checked++;
        }
        assertThat(checked).isEqualTo(window.segmentCount());
        assertThat(window.resource("init-0.mp4", null).resource().chunks()).containsExactly(inits.get(0).bytes());
        assertThat(playlist).endsWith("#EXT-X-ENDLIST\n");
    }
}
