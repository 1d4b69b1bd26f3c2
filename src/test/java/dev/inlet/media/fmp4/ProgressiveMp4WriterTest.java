package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.ExternalTool;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.Vectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A recording's fragmented file turned into a progressive MP4 and checked with ffprobe and ffmpeg: every frame at its
 * time, moov in front, and a file cut short (a crash) recovered up to its last complete fragment.
 */
class ProgressiveMp4WriterTest {

    private static final int SECONDS = 4;
    private static final int FRAME_RATE = 25;

    @TempDir
    Path work;
    private Ffmpeg51 tools;
    private Vectors.Read read;

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(ExternalTool.available("ffprobe") && ExternalTool.available("ffmpeg"), "ffprobe and ffmpeg are needed");
    }

    @BeforeEach
    void encode() throws IOException {
        tools = new Ffmpeg51(work);
        Path flv = work.resolve("in.flv");
        ExternalTool.check(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=" + FRAME_RATE, "-f", "lavfi", "-i", "sine=r=48000", "-t", String.valueOf(SECONDS),
                "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25", "-c:a", "aac", "-f", "flv", flv.toString()), work);
        read = Vectors.packetsOfFlv(Files.readAllBytes(flv));
    }

    private Recording mux(List<AVPacket> packets) {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording, new Fmp4Muxer.Settings(1_000, 2_000, 16 << 20));
        muxer.configure(FrameKind.H264, read.converter().avcConfig().toBytes());
        muxer.configure(FrameKind.AAC, read.converter().aacConfigRecord());
        packets.forEach(muxer::write);
        muxer.flush();
        return recording;
    }

    @Test
    void everyFrameKeepsItsTimeAndTheMovieBoxComesFirst() throws IOException {
        Recording recording = mux(read.packets());
        Path fragmented = Files.write(work.resolve("rec.mp4.part"), recording.file.toByteArray());
        Path mp4 = work.resolve("rec.mp4");

        FragmentedMp4Index index = finalise(fragmented, mp4);

        List<AVPacket> video = read.packets().stream().filter(p -> p.kind() == FrameKind.H264).toList();
        List<AVPacket> audio = read.packets().stream().filter(p -> p.kind() == FrameKind.AAC).toList();
        assertThat(index.fragments()).isEqualTo(recording.fragments.size());
        assertThat(index.truncatedBytes()).isZero();
        assertThat(index.video().orElseThrow().sampleCount()).isEqualTo(video.size());
        assertThat(index.durationMs()).isCloseTo(SECONDS * 1000L, Offset.offset(100L));
        assertThat(topLevelTypes(mp4)).containsExactly("ftyp", "moov", "mdat");
        assertThat(tools.stream(mp4, "v", "codec_name,width,height,nb_read_frames")).isEqualTo("h264,320,240," + video.size());
        assertThat(tools.stream(mp4, "a", "codec_name,sample_rate,nb_read_frames")).isEqualTo("aac,48000," + audio.size());
        assertThat(Double.parseDouble(tools.probe(mp4, "-show_entries", "format=duration").strip()))
                .isCloseTo(SECONDS, Offset.offset(0.1));
        long firstDts = video.get(0).dts();
        List<String> videoPackets = tools.probe(mp4, "-select_streams", "v", "-show_entries", "packet=dts,flags").lines()
                .filter(line -> !line.isBlank()).toList();
        // the edit list shifts presentation by the first composition offset; decode times stay 90 kHz apart as sent
        assertThat(videoPackets).hasSize(video.size());
        for (int i = 0; i < video.size(); i += 10) {
            String[] fields = videoPackets.get(i).split(",");
            long dts = Long.parseLong(fields[0]);
            long shift = Long.parseLong(videoPackets.get(0).split(",")[0]);
            assertThat(dts - shift).as("decode time of frame " + i).isEqualTo((video.get(i).dts() - firstDts) * 90);
            assertThat(fields[1].startsWith("K")).as("key flag of frame " + i).isEqualTo(video.get(i).keyframe());
        }
        tools.assertDecodesCleanly(mp4);
    }

    @Test
    void aFileCutInsideAFragmentIsRecoveredUpToTheLastCompleteOne() throws IOException {
        Recording recording = mux(read.packets());
        byte[] whole = recording.file.toByteArray();
        Fragment last = recording.fragments.get(recording.fragments.size() - 1);
        int cut = whole.length - last.bytes().length / 2; // the crash came in the middle of the last fragment
        Path fragmented = Files.write(work.resolve("cut.mp4.part"), Arrays.copyOf(whole, cut));
        Path mp4 = work.resolve("cut.mp4");

        FragmentedMp4Index index = finalise(fragmented, mp4);

        int keptVideo = recording.fragments.stream().limit(recording.fragments.size() - 1L).mapToInt(Fragment::videoSamples).sum();
        assertThat(index.fragments()).isEqualTo(recording.fragments.size() - 1);
        assertThat(index.validBytes()).isEqualTo(whole.length - last.bytes().length);
        assertThat(index.truncatedBytes()).isEqualTo(cut - index.validBytes());
        assertThat(tools.stream(mp4, "v", "nb_read_frames")).isEqualTo(String.valueOf(keptVideo));
        tools.assertDecodesCleanly(mp4);
    }

    @Test
    void aGapInTheInputKeepsTheFramesAfterItAtTheirTime() throws IOException {
        // a failover: the second half arrives 3 s later on the same timeline
        List<AVPacket> sent = read.packets();
        int split = 0;
        while (!(sent.get(split).kind() == FrameKind.H264 && sent.get(split).keyframe() && sent.get(split).pts() >= 1_900)) {
            split++; // the backup starts at the key frame of the third GOP
        }
        List<AVPacket> packets = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            AVPacket p = sent.get(i);
            long shift = i >= split ? 3_000 : 0;
            packets.add(new AVPacket(p.kind(), p.data(), p.pts() + shift, p.dts() + shift, p.keyframe(), false));
        }
        Recording recording = mux(packets);
        Path fragmented = Files.write(work.resolve("gap.mp4.part"), recording.file.toByteArray());
        Path mp4 = work.resolve("gap.mp4");

        FragmentedMp4Index index = finalise(fragmented, mp4);

        assertThat(index.durationMs()).isCloseTo(SECONDS * 1000L + 3_000, Offset.offset(150L));
        assertThat(Double.parseDouble(tools.probe(mp4, "-select_streams", "a", "-show_entries", "stream=duration").strip()))
                .as("audio runs on across the gap, not shifted into it").isCloseTo(SECONDS + 3.0, Offset.offset(0.15));
        tools.assertDecodesCleanly(mp4);
    }

    @Test
    void aFileWithoutAnInitSegmentIsRefused() throws IOException {
        Recording recording = mux(read.packets());
        byte[] whole = recording.file.toByteArray();
        int initLength = recording.inits.get(0).bytes().length;
        Path fragmented = Files.write(work.resolve("noinit.mp4.part"), Arrays.copyOfRange(whole, initLength, whole.length));
        try (FileChannel in = FileChannel.open(fragmented)) {
            assertThatThrownBy(() -> FragmentedMp4Reader.read(in)).isInstanceOf(MediaFormatException.class);
        }
    }

    private static FragmentedMp4Index finalise(Path fragmented, Path mp4) throws IOException {
        try (FileChannel in = FileChannel.open(fragmented);
             FileChannel out = FileChannel.open(mp4, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            FragmentedMp4Index index = FragmentedMp4Reader.read(in);
            long length = ProgressiveMp4Writer.write(index, in, out);
            assertThat(out.size()).isEqualTo(length);
            return index;
        }
    }

    private static List<String> topLevelTypes(Path mp4) throws IOException {
        return BoxReader.read(Files.readAllBytes(mp4)).stream().map(BoxReader.Box::type).toList();
    }



}
