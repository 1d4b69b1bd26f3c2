package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;


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
 * Real data: ffmpeg encodes H.264 and AAC elementary streams, the test splits them into access units and ADTS frames,
 * feeds them through {@link RtmpFrameWriter} into {@link FlvFileWriter}, and ffprobe/ffmpeg judge the FLV. The FLV is
 * then read back through {@link FlvToAvPacket}.
 */
class FfmpegFlvRoundTripTest {

    /** One access unit or audio frame with its timestamps in milliseconds. */
    record Unit(FrameKind kind, byte[] data, long pts, long dts) {
    }

    @TempDir
    static Path dir;

    private static List<Unit> video320;
    private static List<Unit> video640;
    private static List<Unit> audio;

    @BeforeAll
    static void encode() throws IOException {
        // A real-client test never skips: without ffmpeg it fails and says what to install.
        assertThat(ExternalTool.available("ffmpeg") && ExternalTool.available("ffprobe"))
                .as("ffmpeg and ffprobe on the PATH (sudo apt-get install ffmpeg)").isTrue();
        video320 = encodeVideo("320x240", 4);
        video640 = encodeVideo("640x360", 2);
        ExternalTool.check(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", "4", "-c:a", "aac", "-f", "adts", "a.aac"), dir);
        List<byte[]> frames = ElementaryStreams.adtsFrames(Files.readAllBytes(dir.resolve("a.aac")));
        audio = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            long time = Math.round(i * 1024 * 1000.0 / 44100);
            audio.add(new Unit(FrameKind.AAC, frames.get(i), time, time));
        }
    }

    /**
     * Encodes to MPEG-TS (which keeps each access unit's pts and dts, B-frames included), copies the H.264 out as an
     * Annex-B stream, splits that into access units and gives them the timestamps ffprobe reports for the packets.
     */
    private static List<Unit> encodeVideo(String size, int seconds) throws IOException {
        String ts = "v" + size + ".ts";
        String es = "v" + size + ".h264";
        ExternalTool.check(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=25",
                "-t", String.valueOf(seconds), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25", "-f", "mpegts", ts), dir);
        ExternalTool.check(List.of("ffmpeg", "-v", "error", "-y", "-i", ts, "-c:v", "copy", "-f", "h264", es), dir);
        String packets = ExternalTool.check(List.of("ffprobe", "-v", "error", "-select_streams", "v",
                "-show_entries", "packet=pts,dts", "-of", "csv=p=0", ts), dir);
        List<long[]> times = packets.lines().filter(line -> !line.isBlank())
                .map(line -> Arrays.stream(line.split(",")).filter(s -> !s.isBlank()).mapToLong(Long::parseLong).toArray())
                .toList();
        List<List<byte[]>> units = ElementaryStreams.h264AccessUnits(Files.readAllBytes(dir.resolve(es)));
        assertThat(units).as("access units of " + size).hasSameSizeAs(times);
        long base = times.stream().mapToLong(t -> t[1]).min().orElseThrow();
        List<Unit> result = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            long pts = Math.round((times.get(i)[0] - base) / 90.0);
            long dts = Math.round((times.get(i)[1] - base) / 90.0);
            result.add(new Unit(FrameKind.H264, AnnexB.toAnnexB(units.get(i)), pts, dts));
        }
        return result;
    }

    private static List<Unit> shifted(List<Unit> units, long offset) {
        return units.stream().map(u -> new Unit(u.kind(), u.data(), u.pts() + offset, u.dts() + offset)).toList();
    }

    @SafeVarargs
    private static Path writeFlv(String name, List<Unit>... tracks) throws IOException {
        List<Unit> all = new ArrayList<>();
        for (List<Unit> track : tracks) {
            all.addAll(track);
        }
        all.sort(Comparator.comparingLong(Unit::dts)); // stable: video before audio at equal times
        boolean hasAudio = all.stream().anyMatch(u -> u.kind().isAudio());
        boolean hasVideo = all.stream().anyMatch(u -> u.kind().isVideo());
        Path file = dir.resolve(name);
        try (FlvFileWriter flv = new FlvFileWriter(file, hasAudio, hasVideo)) {
            RtmpFrameWriter writer = new RtmpFrameWriter(flv);
            for (Unit unit : all) {
                writer.writeFrame(unit.kind(), unit.data(), unit.pts(), unit.dts());
            }
            writer.flush();
        }
        return file;
    }

    /** ffprobe's stream and format fields, as "stream0.codec_name" etc. */
    private static Map<String, String> probe(Path file) throws IOException {
        String output = ExternalTool.check(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,width,height,sample_rate,channels:format=duration", "-of", "flat", file.toString()), dir);
        Map<String, String> fields = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line -> {
            int equals = line.indexOf('=');
            fields.put(line.substring(0, equals).replace("streams.stream.", "stream"),
                    line.substring(equals + 1).replace("\"", ""));
        });
        return fields;
    }

    private static void assertDecodesCleanly(Path file) throws IOException {
        ExternalTool.Result decode = ExternalTool.run(List.of("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-"), dir);
        assertThat(decode.exitCode()).as("ffmpeg exit code; stderr: %s", decode.stderr()).isZero();
        assertThat(decode.stderr()).as("ffmpeg error output").isEmpty();
    }

    private static String streamWith(Map<String, String> fields, String codecType) {
        return fields.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".codec_type") && e.getValue().equals(codecType))
                .map(e -> e.getKey().substring(0, e.getKey().indexOf('.')))
                .findFirst().orElseThrow(() -> new AssertionError("no " + codecType + " stream in " + fields));
    }

    @Test
    void audioAndVideoPlayInFfmpeg() throws IOException {
        Path file = writeFlv("av.flv", video320, audio);

        Map<String, String> fields = probe(file);
        String video = streamWith(fields, "video");
        String sound = streamWith(fields, "audio");
        assertThat(fields.get(video + ".codec_name")).isEqualTo("h264");
        assertThat(fields.get(video + ".width")).isEqualTo("320");
        assertThat(fields.get(video + ".height")).isEqualTo("240");
        assertThat(fields.get(sound + ".codec_name")).isEqualTo("aac");
        assertThat(fields.get(sound + ".sample_rate")).isEqualTo("44100");
        assertThat(Double.parseDouble(fields.get("format.duration"))).isBetween(3.8, 4.3);
        assertDecodesCleanly(file);
    }

    @Test
    void audioOnlyPlaysInFfmpeg() throws IOException {
        Path file = writeFlv("audio.flv", audio);

        Map<String, String> fields = probe(file);
        assertThat(fields).doesNotContainValue("video");
        assertThat(fields.get(streamWith(fields, "audio") + ".codec_name")).isEqualTo("aac");
        assertThat(Double.parseDouble(fields.get("format.duration"))).isBetween(3.8, 4.3);
        assertDecodesCleanly(file);
    }

    @Test
    void videoOnlyPlaysInFfmpeg() throws IOException {
        Path file = writeFlv("video.flv", video320);

        Map<String, String> fields = probe(file);
        assertThat(fields).doesNotContainValue("audio");
        assertThat(fields.get(streamWith(fields, "video") + ".codec_name")).isEqualTo("h264");
        assertThat(Double.parseDouble(fields.get("format.duration"))).isBetween(3.8, 4.3);
        assertDecodesCleanly(file);
    }

    @Test
    void aResolutionChangeSendsASecondSequenceHeaderAndBothSizesDecode() throws IOException {
        long offset = video320.get(video320.size() - 1).dts() + 40;
        Path file = writeFlv("switch.flv", video320, shifted(video640, offset), audio);

        List<FlvReader.Tag> tags = FlvReader.read(Files.readAllBytes(file)).tags();
        List<FlvReader.Tag> sequenceHeaders = tags.stream()
                .filter(t -> t.type() == FlvTagSink.VIDEO && FlvVideoTag.parse(t.body()).isSequenceHeader()).toList();
        assertThat(sequenceHeaders).hasSize(2);
        assertThat(sequenceHeaders.get(1).timestamp()).isEqualTo(offset);
        String frames = ExternalTool.check(List.of("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "frame=width,height", "-of", "csv=p=0", file.toString()), dir);
        List<String> sizes = frames.lines().filter(line -> !line.isBlank())
                .map(line -> String.join(",", Arrays.asList(line.split(",")).subList(0, 2))).toList();
        assertThat(sizes).contains("320,240", "640,360");
        assertThat(sizes.indexOf("640,360")).isGreaterThan(sizes.lastIndexOf("320,240"));
        assertThat(sizes).hasSize(video320.size() + video640.size());
        assertDecodesCleanly(file);
    }

    @Test
    void theFlvReadsBackIntoTheSameAccessUnits() throws IOException {
        Path file = writeFlv("readback.flv", video320, audio);
        FlvReader.FlvFile flv = FlvReader.read(Files.readAllBytes(file));
        assertThat(flv.hasAudio()).isTrue();
        assertThat(flv.hasVideo()).isTrue();

        FlvToAvPacket converter = new FlvToAvPacket();
        List<AVPacket> videoPackets = new ArrayList<>();
        List<AVPacket> audioPackets = new ArrayList<>();
        for (FlvReader.Tag tag : flv.tags()) {
            if (tag.type() == FlvTagSink.VIDEO) {
                AVPacket packet = converter.video(tag.body(), tag.timestamp());
                if (packet != null) {
                    videoPackets.add(packet);
                }
            } else if (tag.type() == FlvTagSink.AUDIO) {
                AVPacket packet = converter.audio(tag.body(), tag.timestamp());
                if (packet != null) {
                    audioPackets.add(packet);
                }
            }
        }

        assertThat(converter.avcConfig().firstSps()).extracting(AvcSps::width, AvcSps::height).containsExactly(320, 240);
        assertThat(converter.aacConfig()).isEqualTo(new AudioSpecificConfig(2, 44100, 1));
        assertThat(videoPackets).hasSameSizeAs(video320);
        assertThat(audioPackets).hasSameSizeAs(audio);
        assertMonotonicDts(videoPackets);
        assertMonotonicDts(audioPackets);

        for (int i = 0; i < videoPackets.size(); i++) {
            AVPacket packet = videoPackets.get(i);
            Unit original = video320.get(i);
            assertThat(packet.dts()).isEqualTo(original.dts());
            assertThat(packet.pts()).isEqualTo(original.pts());
            List<byte[]> nals = AnnexB.splitNalUnits(packet.data());
            boolean idr = nals.stream().anyMatch(nal -> AvcNalUnit.type(nal) == AvcNalUnit.IDR_SLICE);
            assertThat(packet.keyframe()).isEqualTo(idr);
            if (idr) {
                assertThat(nals.subList(0, 2)).extracting(AvcNalUnit::type)
                        .as("IDR %d starts with SPS and PPS", i).containsExactly(AvcNalUnit.SPS, AvcNalUnit.PPS);
            }
            assertThat(withoutParameterSets(nals)).as("access unit %d", i)
                    .containsExactlyElementsOf(withoutParameterSets(AnnexB.splitNalUnits(original.data())));
        }
        assertThat(videoPackets.stream().filter(AVPacket::keyframe)).as("one IDR per 25-frame GOP").hasSize(4);

        for (int i = 0; i < audioPackets.size(); i++) {
            byte[] adts = audio.get(i).data();
            int headerLength = AdtsHeader.parse(adts, 0).headerLength();
            assertThat(audioPackets.get(i).data()).isEqualTo(Arrays.copyOfRange(adts, headerLength, adts.length));
            assertThat(audioPackets.get(i).dts()).isEqualTo(audio.get(i).dts());
        }
    }

    private static List<byte[]> withoutParameterSets(List<byte[]> nals) {
        return nals.stream().filter(nal -> {
            int type = AvcNalUnit.type(nal);
            return type != AvcNalUnit.SPS && type != AvcNalUnit.PPS && type != AvcNalUnit.ACCESS_UNIT_DELIMITER;
        }).toList();
    }

    private static void assertMonotonicDts(List<AVPacket> packets) {
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).dts()).as("dts of packet %d", i).isGreaterThanOrEqualTo(packets.get(i - 1).dts());
        }
    }
}
