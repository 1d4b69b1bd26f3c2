package dev.inlet.interop.enhanced;

import dev.inlet.ingest.srt.SrtServer;
import dev.inlet.ingest.srt.SrtSettings;
import dev.inlet.media.TrackInfo;
import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HEVC in, over SRT, and out over Enhanced RTMP: ffmpeg 5.1 (Debian, with libsrt) sends H.265 + AAC in MPEG-TS,
 * the TS demuxer builds the HEVC configuration from the in-band VPS/SPS/PPS, and ffmpeg 7.1 plays the stream back
 * as Enhanced RTMP; ffprobe reads hevc at the published size, and the track panel shows h265.
 */
class HevcOverSrtIT extends EnhancedInteropBase {

    private SrtServer srt;

    @AfterEach
    void stopSrt() {
        if (srt != null) {
            srt.stop();
        }
    }

    @Test
    void hevcPublishedOverSrtPlaysBackOverEnhancedRtmp() {
        srt = new SrtServer(SrtSettings.defaults().withAddress("127.0.0.1", 0), server.core(),
                Executors.defaultThreadFactory());
        assertThat(srt.start()).as("SRT started: %s", srt.unavailableReason()).isTrue();
        ExternalProcess publisher = start("srt-publish-hevc", List.of("ffmpeg", "-hide_banner", "-nostdin",
                "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "8", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                "-f", "mpegts", "srt://127.0.0.1:" + srt.port() + "?streamid=publish:" + key + "&latency=120000"));
        Path recording = file("hevc-over-srt.flv");
        ExternalProcess player = playWhenLive(recording);

        List<TrackInfo> tracks = awaitTracks(panel -> panel.stream().anyMatch(track ->
                track.type() == TrackInfo.Type.VIDEO && track.width() == 320), Duration.ofSeconds(20));
        assertSucceeds(publisher);
        assertSucceeds(player);

        assertThat(video(tracks).codec()).as("panel %s", tracks).isEqualTo("h265");
        assertThat(streams(recording)).as("streams of the played file; publisher:%n%s%nplayer:%n%s",
                publisher.describe(), player.describe()).contains("hevc,video,320,240");
        assertThat(decodeVideo(recording).frames()).as("decoded frames").isGreaterThan(50);
    }
}
