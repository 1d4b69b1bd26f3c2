package dev.inlet.interop.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.media.TrackInfo;
import dev.inlet.testing.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ffmpeg 7.1 publishes HEVC, AV1 and VP9 over Enhanced RTMP; another ffmpeg 7.1 plays each back; ffprobe shows codec
 * and resolution, and Inlet's track panel shows codec, resolution and frame rate while the stream is live.
 */
class EnhancedCodecsIT extends EnhancedInteropBase {

    private static final String SINE = "sine=frequency=440:sample_rate=44100";

    @Test
    void hevcPublishedOverEnhancedRtmpPlaysBack() {
        check("hevc", "h265", 320, 240, List.of(
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", SINE, "-t", "6",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                "-rtmp_enhanced_codecs", "hvc1,av01,vp09"));
    }

    @Test
    void av1PublishedOverEnhancedRtmpPlaysBack() {
        check("av1", "av1", 160, 120, List.of(
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "6",
                "-c:v", "libaom-av1", "-cpu-used", "8", "-row-mt", "1", "-g", "25",
                "-b:v", "200k")); // no "-usage realtime": libaom of that build aborts at exit with it
    }

    @Test
    void vp9PublishedOverEnhancedRtmpPlaysBack() {
        check("vp9", "vp9", 192, 108, List.of(
                "-f", "lavfi", "-i", "testsrc2=size=192x108:rate=25", "-f", "lavfi", "-i", SINE, "-t", "6",
                "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "25", "-b:v", "300k",
                "-c:a", "aac", "-b:a", "64k"));
    }

    private void check(String probeCodec, String panelCodec, int width, int height, List<String> encoder) {
        ExternalProcess publisher = publish("ffmpeg71-publish-" + probeCodec, encoder);
        Path recording = file(probeCodec + ".flv");
        ExternalProcess player = playWhenLive(recording);

        List<TrackInfo> tracks = awaitTracks(panel -> panel.stream().anyMatch(track ->
                track.type() == TrackInfo.Type.VIDEO && track.width() == width && track.frameRate() > 0),
                Duration.ofSeconds(20));
        assertSucceeds(publisher);
        assertSucceeds(player);

        TrackInfo video = video(tracks);
        assertThat(video.codec()).as("panel %s", tracks).isEqualTo(panelCodec);
        assertThat(video.width()).as("panel %s", tracks).isEqualTo(width);
        assertThat(video.height()).as("panel %s", tracks).isEqualTo(height);
        assertThat(video.frameRate()).as("panel %s", tracks).isBetween(20.0, 30.0);
        assertThat(video.bitrateKbps()).as("panel %s", tracks).isPositive();

        assertThat(streams(recording)).as("streams of the played file; publisher:%n%s%nplayer:%n%s",
                publisher.describe(), player.describe()).contains(probeCodec + ",video," + width + "," + height);
        assertThat(decodeVideo(recording).frames()).as("decoded frames").isGreaterThan(50);
    }
}
