package dev.inlet.media.fmp4;

import dev.inlet.media.ExternalTool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's ffprobe and ffmpeg reading a muxed file, for the fMP4 tests: they must read it without a complaint. */
final class Ffmpeg51 {

    private final Path work;

    Ffmpeg51(Path work) {
        this.work = work;
    }

    /** One stream's fields as ffprobe's csv, after decoding every frame. */
    String stream(Path mp4, String selector, String fields) throws IOException {
        return probe(mp4, "-count_frames", "-select_streams", selector, "-show_entries", "stream=" + fields).strip();
    }

    String probe(Path mp4, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-of", "csv=p=0", mp4.toString()));
        ExternalTool.Result result = ExternalTool.run(command, work);
        assertThat(result.exitCode()).as("ffprobe exit").isZero();
        assertThat(result.stderr()).as("ffprobe complaints").isEmpty();
        return result.stdout();
    }

    void assertDecodesCleanly(Path mp4) throws IOException {
        ExternalTool.Result decode = ExternalTool.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", mp4.toString(),
                "-f", "null", "-"), work);
        assertThat(decode.exitCode()).isZero();
        assertThat(decode.stderr()).as("decoder errors").isEmpty();
    }
}
