package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.interop.enhanced.Ffmpeg71;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real decoders judge the writer's Enhanced RTMP output: ffmpeg 7.1 encodes short HEVC, AV1 and VP9 streams (into its
 * own FLV, read into access units by {@link FlvToAvPacket}), the test writes them through {@link RtmpFrameWriter}
 * into {@link FlvFileWriter}, and ffprobe 7.1 and ffmpeg 7.1 check the codec, the picture size and that every frame
 * decodes without an error. Debian's ffmpeg 5.1 cannot read Enhanced RTMP, hence 7.1. Opus is not here: the FLV
 * demuxer of ffmpeg 7.1 has no Enhanced RTMP audio (sound format 9 reads as an unknown codec).
 */
class FfmpegEnhancedFlvTest {

    private static final int FRAMES = 10;

    @TempDir
    static Path dir;

    @BeforeAll
    static void ffmpegRuns() throws IOException {
        ExternalTool.check(command(Ffmpeg71.ffmpeg(), "-version"), dir);
    }

    private static List<String> command(List<String> program, String... arguments) {
        List<String> command = new ArrayList<>(program);
        command.addAll(Arrays.asList(arguments));
        return command;
    }

    /** Encodes {@code FRAMES} test-pattern frames with ffmpeg 7.1 into its own FLV and reads them back as packets. */
    private static List<AVPacket> encode(String name, String size, String... codecArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + size + ":rate=25", "-frames:v", String.valueOf(FRAMES), "-g", "5"));
        arguments.addAll(Arrays.asList(codecArguments));
        arguments.add(name);
        ExternalTool.check(command(Ffmpeg71.ffmpeg(), arguments.toArray(String[]::new)), dir);
        List<AVPacket> packets = Vectors.packets(FlvReader.read(Files.readAllBytes(dir.resolve(name))).tags()).packets();
        assertThat(packets).as("packets of " + name).hasSize(FRAMES);
        return packets;
    }

    private static List<AVPacket> hevc(String name, String size) throws IOException {
        return encode(name, size, "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=none:bframes=2");
    }

    @SafeVarargs
    private static Path writeFlv(String name, List<AVPacket>... tracks) throws IOException {
        List<AVPacket> all = new ArrayList<>();
        for (List<AVPacket> track : tracks) {
            all.addAll(track);
        }
        all.sort(Comparator.comparingLong(AVPacket::dts)); // stable: video before audio at equal times
        Path file = dir.resolve(name);
        try (FlvFileWriter flv = new FlvFileWriter(file, all.stream().anyMatch(p -> p.kind().isAudio()),
                all.stream().anyMatch(p -> p.kind().isVideo()))) {
            RtmpFrameWriter writer = new RtmpFrameWriter(flv);
            for (AVPacket packet : all) {
                writer.writeFrame(packet.kind(), packet.data(), packet.pts(), packet.dts());
            }
            writer.flush();
            assertThat(writer.droppedVideoFrames()).isZero();
        }
        return file;
    }

    /** ffprobe's fields of the first stream of {@code type}, as codec_name=hevc etc. */
    private static Map<String, String> probe(Path file, String type) throws IOException {
        String output = ExternalTool.check(command(Ffmpeg71.ffprobe(), "-v", "error", "-select_streams", type.substring(0, 1),
                "-show_entries", "stream=codec_name,width,height,pix_fmt,sample_rate,channels", "-of", "default=nw=1",
                file.toString()), dir);
        Map<String, String> fields = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line -> {
            int equals = line.indexOf('=');
            fields.putIfAbsent(line.substring(0, equals), line.substring(equals + 1));
        });
        return fields;
    }

    /** The size of every decoded video frame, in order. */
    private static List<String> frameSizes(Path file) throws IOException {
        String output = ExternalTool.check(command(Ffmpeg71.ffprobe(), "-v", "error", "-select_streams", "v",
                "-show_entries", "frame=width,height", "-of", "csv=p=0", file.toString()), dir);
        return output.lines().filter(line -> !line.isBlank())
                .map(line -> String.join("x", Arrays.asList(line.split(",")).subList(0, 2))).toList();
    }

    private static void assertDecodesCleanly(Path file) throws IOException {
        ExternalTool.Result decode = ExternalTool.run(command(Ffmpeg71.ffmpeg(), "-v", "error", "-i", file.toString(),
                "-f", "null", "-"), dir);
        assertThat(decode.exitCode()).as("ffmpeg exit code; stderr: %s", decode.stderr()).isZero();
        assertThat(decode.stderr()).as("ffmpeg error output").isEmpty();
    }

    @Test
    void hevcDecodes() throws IOException {
        List<AVPacket> video = hevc("hevc.flv", "320x240");
        assertThat(video).as("B-frames: composition offsets").anyMatch(p -> p.compositionTime() != 0);
        Path file = writeFlv("hevc-out.flv", video);

        assertThat(probe(file, "video")).containsEntry("codec_name", "hevc").containsEntry("width", "320")
                .containsEntry("height", "240");
        assertThat(frameSizes(file)).hasSize(FRAMES).containsOnly("320x240");
        assertDecodesCleanly(file);
    }

    @Test
    void hevcResolutionChangeDecodesBothSizes() throws IOException {
        List<AVPacket> small = hevc("hevc-small.flv", "320x240");
        List<AVPacket> large = hevc("hevc-large.flv", "640x360");
        long offset = small.stream().mapToLong(AVPacket::pts).max().orElseThrow() + 40;
        Path file = writeFlv("hevc-switch.flv", small, Vectors.shifted(large, offset));

        List<FlvReader.Tag> sequenceStarts = FlvReader.read(Files.readAllBytes(file)).tags().stream()
                .filter(t -> t.type() == FlvTagSink.VIDEO && FlvVideoTag.parse(t.body()).isSequenceHeader()).toList();
        assertThat(sequenceStarts).hasSize(2);
        List<String> sizes = frameSizes(file);
        assertThat(sizes).hasSize(2 * FRAMES);
        assertThat(sizes.subList(0, FRAMES)).containsOnly("320x240");
        assertThat(sizes.subList(FRAMES, 2 * FRAMES)).containsOnly("640x360");
        assertDecodesCleanly(file);
    }

    @Test
    void av1Decodes() throws IOException {
        List<AVPacket> video = encode("av1.flv", "176x144", "-c:v", "libaom-av1", "-cpu-used", "8", "-row-mt", "1",
                "-lag-in-frames", "0");
        assertThat(video.stream().filter(AVPacket::keyframe)).hasSizeGreaterThanOrEqualTo(2);
        Path file = writeFlv("av1-out.flv", video);

        assertThat(probe(file, "video")).containsEntry("codec_name", "av1").containsEntry("width", "176")
                .containsEntry("height", "144");
        assertThat(frameSizes(file)).hasSize(FRAMES).containsOnly("176x144");
        assertDecodesCleanly(file);
    }

    @Test
    void vp9Decodes() throws IOException {
        List<AVPacket> video = encode("vp9.flv", "192x108", "-c:v", "libvpx-vp9", "-deadline", "realtime",
                "-cpu-used", "8");
        Path file = writeFlv("vp9-out.flv", video);

        assertThat(probe(file, "video")).containsEntry("codec_name", "vp9").containsEntry("width", "192")
                .containsEntry("height", "108");
        assertThat(frameSizes(file)).hasSize(FRAMES).containsOnly("192x108");
        assertDecodesCleanly(file);
    }
}
