package dev.inlet.bench;

import dev.inlet.media.FlvFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FLV reader against files written by the project's own FLV writer, and how the loop is built. */
class WorkloadTest {

    private static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F};
    private static final byte[] AAC_HEADER = {(byte) 0xAF, 0, 0x12, 0x10};
    private static final byte[] END_OF_SEQUENCE = {0x17, 2, 0, 0, 0};

    @TempDir
    Path dir;

    @Test
    void readsEveryTagWithTypeTimestampAndBody() throws IOException {
        Path file = write(false);

        var tags = FlvFile.read(file);

        assertThat(tags).extracting(FlvTag::type).containsExactly(18, 9, 8, 9, 8, 9, 8, 9);
        assertThat(tags).extracting(FlvTag::timestamp).containsExactly(0L, 0L, 0L, 0L, 0L, 33L, 23L, 66L);
        assertThat(tags.get(1).body()).isEqualTo(AVC_HEADER);
        assertThat(tags.get(3).isKeyframe()).isTrue();
        assertThat(tags.get(5).isKeyframe()).isFalse();
    }

    @Test
    void headersAreSentOnceAndTheLoopKeepsTimestampsIncreasing() throws IOException {
        Workload workload = Workload.load(write(true));

        assertThat(workload.headers()).extracting(FlvTag::type).containsExactly(18, 9, 8);
        assertThat(new String(workload.headers().get(0).body(), 3, 13)).isEqualTo("@setDataFrame");
        assertThat(workload.frames()).noneMatch(FlvTag::isHeader).noneMatch(FlvTag::isEndOfSequence);
        assertThat(workload.loopMillis()).isEqualTo(66 + 33);
        FlvTag lastVideo = workload.frames().get(workload.frames().size() - 1);
        FlvTag firstVideo = workload.frames().get(0);
        assertThat(workload.timestampIn(1, firstVideo)).isGreaterThan(workload.timestampIn(0, lastVideo));
    }

    @Test
    void rejectsWhatIsNotFlv() throws IOException {
        Path file = dir.resolve("not.flv");
        Files.write(file, new byte[]{'R', 'I', 'F', 'F', 0, 0, 0, 0, 0, 0, 0, 0, 0});

        assertThatThrownBy(() -> FlvFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("not an FLV");
    }

    private Path write(boolean withEndOfSequence) throws IOException {
        Path file = dir.resolve("workload.flv");
        try (FlvFileWriter writer = new FlvFileWriter(file, true, true)) {
            writer.writeTag(18, 0, new byte[]{2, 0, 10, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a', 5});
            writer.writeTag(9, 0, AVC_HEADER);
            writer.writeTag(8, 0, AAC_HEADER);
            writer.writeTag(9, 0, new byte[]{0x17, 1, 0, 0, 0, 9, 9});
            writer.writeTag(8, 0, new byte[]{(byte) 0xAF, 1, 7});
            writer.writeTag(9, 33, new byte[]{0x27, 1, 0, 0, 0, 8});
            writer.writeTag(8, 23, new byte[]{(byte) 0xAF, 1, 6});
            writer.writeTag(9, 66, new byte[]{0x27, 1, 0, 0, 0, 7});
            if (withEndOfSequence) {
                writer.writeTag(9, 66, END_OF_SEQUENCE);
            }
        }
        return file;
    }
}
