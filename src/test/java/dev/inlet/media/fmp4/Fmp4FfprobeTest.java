package dev.inlet.media.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.inlet.media.AVPacket;
import dev.inlet.media.ExternalTool;
import dev.inlet.media.FrameKind;
import dev.inlet.media.TsDemuxer;
import dev.inlet.media.TsTrack;
import dev.inlet.media.Vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real encoder output (ffmpeg), read the way the stream core reads it, muxed to fMP4 and checked with ffprobe and
 * ffmpeg: init segment and fragments concatenated, as a player appends them.
 */
class Fmp4FfprobeTest {

    private static final int SECONDS = 4;
    private static final int FRAME_RATE = 25;

    @TempDir
    Path work;
    private Ffmpeg51 tools;

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(ExternalTool.available("ffprobe") && ExternalTool.available("ffmpeg"), "ffprobe and ffmpeg are needed");
    }

    @org.junit.jupiter.api.BeforeEach
    void tools() {
        tools = new Ffmpeg51(work);
    }

    @Test
    void h264AndAacFromAnFlvPlayWithEveryFrameAtItsTime() throws IOException {
        Path flv = work.resolve("in.flv");
        ExternalTool.check(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=" + FRAME_RATE, "-f", "lavfi", "-i", "sine=r=48000", "-t", String.valueOf(SECONDS),
                "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25", "-c:a", "aac", "-f", "flv", flv.toString()), work);
        Vectors.Read read = Vectors.packetsOfFlv(Files.readAllBytes(flv));
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording, new Fmp4Muxer.Settings(500, 2_000, 16 << 20));
        muxer.configure(FrameKind.H264, read.converter().avcConfig().toBytes());
        muxer.configure(FrameKind.AAC, read.converter().aacConfigRecord());
        read.packets().forEach(muxer::write);
        muxer.flush();
        Path mp4 = write(recording);
        List<AVPacket> video = read.packets().stream().filter(p -> p.kind() == FrameKind.H264).toList();
        List<AVPacket> audio = read.packets().stream().filter(p -> p.kind() == FrameKind.AAC).toList();

        assertThat(video).hasSize(SECONDS * FRAME_RATE);
        assertThat(recording.fragments.stream().filter(Fragment::independent)).as("a segment per GOP").hasSize(SECONDS);
        assertThat(recording.fragments).as("parts of at most 500 ms").hasSize(2 * SECONDS);
        assertThat(tools.stream(mp4, "v", "codec_name,width,height,nb_read_frames")).isEqualTo("h264,320,240," + video.size());
        assertThat(tools.stream(mp4, "a", "codec_name,sample_rate,channels,nb_read_frames")).isEqualTo("aac,48000,1," + audio.size());
        assertThat(Double.parseDouble(tools.probe(mp4, "-show_entries", "format=duration").strip()))
                .isCloseTo(SECONDS, org.assertj.core.data.Offset.offset(0.1));
        List<String> videoPackets = tools.probe(mp4, "-select_streams", "v", "-show_entries", "packet=pts,dts,flags").lines()
                .filter(line -> !line.isBlank()).toList();
        assertThat(videoPackets).as("video pts,dts,flags at 90 kHz").containsExactlyElementsOf(video.stream()
                .map(p -> p.pts() * 90 + "," + p.dts() * 90 + "," + (p.keyframe() ? "K_" : "__")).toList());
        tools.assertDecodesCleanly(mp4);
    }

    @Test
    void h265AndOpusFromAnMpegTsPlay() throws IOException {
        Path ts = work.resolve("in.ts");
        ExternalTool.check(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=" + FRAME_RATE, "-f", "lavfi", "-i", "sine=r=48000", "-t", "2",
                "-c:v", "libx265", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-x265-params", "log-level=none:keyint=25", "-c:a", "libopus",
                "-ac", "2", "-f", "mpegts", ts.toString()), work);
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        List<AVPacket> frames = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(new TsDemuxer.Listener() {
            @Override
            public void onTrack(TsTrack track) {
                muxer.configure(track.kind(), track.configuration());
            }

            @Override
            public void onFrame(TsTrack track, AVPacket packet) {
                frames.add(packet);
                muxer.write(packet);
            }

            @Override
            public void onSkippedStream(int programNumber, int pid, int streamType) {
                throw new AssertionError("skipped stream type " + streamType);
            }
        });
        demuxer.feed(Files.readAllBytes(ts));
        demuxer.flush();
        muxer.flush();
        Path mp4 = write(recording);

        long videoFrames = frames.stream().filter(p -> p.kind() == FrameKind.H265).count();
        long audioFrames = frames.stream().filter(p -> p.kind() == FrameKind.OPUS).count();
        assertThat(videoFrames).isEqualTo(2 * FRAME_RATE);
        assertThat(recording.inits).as("the audio reported a few frames after the video is in the first init").hasSize(1);
        assertThat(recording.inits.get(0).codecs()).startsWith("hvc1.1.6.L").endsWith(",Opus");
        assertThat(tools.stream(mp4, "v", "codec_name,codec_tag_string,width,height,nb_read_frames"))
                .isEqualTo("hevc,hvc1,320,240," + videoFrames);
        assertThat(tools.stream(mp4, "a", "codec_name,sample_rate,channels,nb_read_frames")).isEqualTo("opus,48000,2," + audioFrames);
        tools.assertDecodesCleanly(mp4);
    }

    @Test
    void av1AndVp9VectorsPlay() throws IOException {
        for (TestTracks tracks : List.of(TestTracks.av1(), TestTracks.vp9())) {
            Recording recording = new Recording();
            Fmp4Muxer muxer = new Fmp4Muxer(recording);
            muxer.configure(tracks.kind(), tracks.configuration());
            tracks.packets().forEach(muxer::write);
            muxer.flush();
            Path mp4 = write(recording);
            TrackFormat format = recording.inits.get(0).video();

            String codec = tracks.kind() == FrameKind.AV1 ? "av1,av01" : "vp9,vp09";
            assertThat(tools.stream(mp4, "v", "codec_name,codec_tag_string,width,height,nb_read_frames"))
                    .isEqualTo(codec + "," + format.width() + "," + format.height() + "," + tracks.packets().size());
            tools.assertDecodesCleanly(mp4);
        }
    }

    private Path write(Recording recording) throws IOException {
        Path mp4 = Files.createTempFile(work, "out", ".mp4");
        Files.write(mp4, recording.file.toByteArray());
        return mp4;
    }



}
