package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The muxer's output as ffprobe and ffmpeg read it: the codecs, every frame with its timestamps, no complaints. */
class TsMuxerFfprobeTest {

    @TempDir
    Path work;

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(ExternalTool.available("ffprobe") && ExternalTool.available("ffmpeg"), "ffprobe and ffmpeg are needed");
    }

    @ParameterizedTest
    @CsvSource({"h264-aac.ts, h264, aac", "h265-opus.ts, hevc, opus"})
    void ffprobeFindsTheCodecsAndEveryFrameAtItsTimestamp(String fixture, String videoCodec, String audioCodec) throws IOException {
        TsRecording original = TsRecording.demux(TsRecording.fixture(fixture));
        Path file = work.resolve("muxed.ts");
        Files.write(file, TsMuxing.of(original).bytes());

        ExternalTool.Result streams = ExternalTool.run(List.of("ffprobe", "-v", "error",
                "-show_entries", "stream=index,codec_name", "-of", "csv=p=0", file.toString()), work);
        ExternalTool.Result packets = ExternalTool.run(List.of("ffprobe", "-v", "error",
                "-show_entries", "packet=stream_index,pts,dts,flags", "-of", "csv=p=0", file.toString()), work);

        assertThat(streams.exitCode()).isZero();
        assertThat(streams.stderr()).as("ffprobe errors on the streams").isEmpty();
        assertThat(packets.stderr()).as("ffprobe errors on the packets").isEmpty();
        // ffprobe lists the streams once under their program and once on their own
        assertThat(streams.stdout().lines().filter(line -> !line.isBlank()).distinct().toList()).containsExactly("0," + videoCodec, "1," + audioCodec);
        List<long[]> rows = csvRows(packets.stdout());
        List<AVPacket> video = original.framesOf(0x100);
        List<AVPacket> audio = original.framesOf(0x101);
        assertThat(rows.stream().filter(row -> row[0] == 0).map(row -> row[1]).toList()).as("video PTS, 90 kHz")
                .containsExactlyElementsOf(video.stream().map(frame -> frame.pts() * 90).toList());
        assertThat(rows.stream().filter(row -> row[0] == 0).map(row -> row[2]).toList()).as("video DTS, 90 kHz")
                .containsExactlyElementsOf(video.stream().map(frame -> frame.dts() * 90).toList());
        assertThat(rows.stream().filter(row -> row[0] == 0).map(row -> row[3] == 1).toList()).as("video keyframes")
                .containsExactlyElementsOf(video.stream().map(AVPacket::keyframe).toList());
        assertThat(rows.stream().filter(row -> row[0] == 1).map(row -> row[1]).toList()).as("audio PTS, 90 kHz")
                .containsExactlyElementsOf(audio.stream().map(frame -> frame.pts() * 90).toList());
    }

    @ParameterizedTest
    @CsvSource({"h264-aac.ts", "h265-opus.ts"})
    void ffmpegDecodesTheWholeStreamWithoutErrors(String fixture) throws IOException {
        TsRecording original = TsRecording.demux(TsRecording.fixture(fixture));
        Path file = work.resolve("muxed.ts");
        Files.write(file, TsMuxing.of(original).bytes());

        ExternalTool.Result decode = ExternalTool.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(),
                "-f", "null", "-"), work);

        assertThat(decode.exitCode()).isZero();
        assertThat(decode.stderr()).as("decoder errors").isEmpty();
    }

    /** stream_index, pts, dts, 1 for a keyframe (flags starting with K). */
    private static List<long[]> csvRows(String csv) {
        List<long[]> rows = new ArrayList<>();
        for (String line : csv.strip().split("\n")) {
            if (line.isBlank()) {
                continue; // ffprobe's csv writer leaves a line for each (empty) program section
            }
            String[] fields = line.strip().split(",");
            rows.add(new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    fields[3].startsWith("K") ? 1 : 0});
        }
        return rows;
    }
}
