package dev.inlet.interop.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.media.TrackInfo;
import dev.inlet.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * H.264 with B-frames, a mid-stream resolution change, audio-only and video-only streams: published by ffmpeg 7.1,
 * played back by ffmpeg 7.1, checked with ffprobe 7.1 and Inlet's track panel.
 */
class EnhancedStreamsIT extends EnhancedInteropBase {

    private static final String SINE = "sine=frequency=440:sample_rate=44100";

    @Test
    void h264WithBFramesPlaysBack() {
        ExternalProcess publisher = publish("publish-h264-bframes", List.of(
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", SINE, "-t", "6",
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-bf", "3", "-g", "25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"));
        Path recording = file("h264.flv");
        ExternalProcess player = playWhenLive(recording);
        List<TrackInfo> tracks = awaitTracks(panel -> panel.size() == 2 && video(panel).frameRate() > 0,
                Duration.ofSeconds(20));
        assertSucceeds(publisher);
        assertSucceeds(player);

        TrackInfo video = video(tracks);
        assertThat(video).extracting(TrackInfo::codec, TrackInfo::profile, TrackInfo::width, TrackInfo::height)
                .as("panel %s", tracks).containsExactly("h264", "High", 320, 240);
        assertThat(video.frameRate()).as("panel %s", tracks).isEqualTo(25.0);
        TrackInfo audio = tracks.stream().filter(t -> t.type() == TrackInfo.Type.AUDIO).findFirst().orElseThrow();
        assertThat(audio).extracting(TrackInfo::codec, TrackInfo::sampleRate).containsExactly("aac", 44100);
        assertThat(streams(recording)).contains("h264,video,320,240", "aac,audio");
        assertThat(decodeVideo(recording).frames()).isGreaterThan(100);
    }

    @Test
    void aMidStreamResolutionChangePlaysThroughAndBothSizesDecode() throws IOException {
        Path first = segment("part1.ts", "320x240");
        Path second = segment("part2.ts", "160x120");
        Path list = file("parts.txt");
        Files.writeString(list, "file '" + first + "'\nfile '" + second + "'\n");
        ExternalProcess publisher = publish("publish-two-sizes", List.of(
                "-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy"));
        Path recording = file("two-sizes.flv");
        ExternalProcess player = playWhenLive(recording);
        List<TrackInfo> small = awaitTracks(panel -> !panel.isEmpty() && video(panel).width() == 160,
                Duration.ofSeconds(30));
        assertSucceeds(publisher);
        assertSucceeds(player);

        assertThat(video(small).height()).as("panel after the change %s", small).isEqualTo(120);
        assertThat(decodeVideo(recording).sizes()).as("decoded frame sizes; player:%n%s", player.describe())
                .contains("320x240", "160x120");
    }

    @Test
    void anAudioOnlyStreamPlays() {
        ExternalProcess publisher = publish("publish-audio-only", List.of(
                "-f", "lavfi", "-i", SINE, "-t", "6", "-c:a", "aac", "-b:a", "64k"));
        Path recording = file("audio.flv");
        ExternalProcess player = playWhenLive(recording);
        List<TrackInfo> tracks = awaitTracks(panel -> !panel.isEmpty() && panel.get(0).sampleRate() > 0,
                Duration.ofSeconds(20));
        assertSucceeds(publisher);
        assertSucceeds(player);

        assertThat(tracks).singleElement().extracting(TrackInfo::type, TrackInfo::codec, TrackInfo::sampleRate,
                TrackInfo::channels).containsExactly(TrackInfo.Type.AUDIO, "aac", 44100, 1);
        assertThat(streams(recording)).containsExactly("aac,audio");
    }

    @Test
    void aVideoOnlyStreamPlays() {
        ExternalProcess publisher = publish("publish-video-only", List.of(
                "-f", "lavfi", "-i", "testsrc2=size=256x144:rate=30", "-t", "6",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p"));
        Path recording = file("video.flv");
        ExternalProcess player = playWhenLive(recording);
        List<TrackInfo> tracks = awaitTracks(panel -> !panel.isEmpty() && video(panel).frameRate() > 0,
                Duration.ofSeconds(20));
        assertSucceeds(publisher);
        assertSucceeds(player);

        assertThat(tracks).singleElement().extracting(TrackInfo::codec, TrackInfo::width, TrackInfo::height,
                TrackInfo::frameRate).containsExactly("h264", 256, 144, 30.0);
        assertThat(streams(recording)).containsExactly("h264,video,256,144");
    }

    /** A 4 s H.264 + AAC MPEG-TS segment (parameter sets in band) for the concatenated publish. */
    private Path segment(String name, String size) {
        Path out = file(name);
        ExternalProcess encode = ExternalProcess.run("encode-" + name, workDir, CLIENT_TIMEOUT, concat(Ffmpeg71.ffmpeg(),
                "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", SINE, "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-y", out.toString()));
        assertThat(encode.exitCode()).as(encode.describe()).isZero();
        return out;
    }
}
