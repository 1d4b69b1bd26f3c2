package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.fmp4.FragmentedMp4Index;
import dev.inlet.media.fmp4.FragmentedMp4Reader;
import dev.inlet.media.fmp4.ProgressiveMp4Writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The recovery of a recording a crash (or a bad disk) left behind: whatever the file holds, the reader indexes what is
 * whole or refuses it with {@code MediaFormatException}, and what it indexed can be written as a progressive MP4.
 */
class FragmentedMp4ReaderFuzzTest {

    @FuzzTest
    void fuzz(byte[] file) {
        FuzzContract.media(() -> {
            try {
                Path in = Files.createTempFile("fuzz-", ".mp4.part");
                Path out = Files.createTempFile("fuzz-", ".mp4");
                try {
                    Files.write(in, file);
                    try (FileChannel source = FileChannel.open(in);
                         FileChannel target = FileChannel.open(out, StandardOpenOption.WRITE)) {
                        FragmentedMp4Index index = FragmentedMp4Reader.read(source);
                        FuzzContract.check(index.validBytes() + index.truncatedBytes() == file.length,
                                "indexed and left-out bytes add up to the file");
                        if (!index.tracks().isEmpty()) {
                            long length = ProgressiveMp4Writer.write(index, source, target);
                            FuzzContract.check(length == target.size(), "the written length is the file's");
                        }
                    }
                } finally {
                    Files.deleteIfExists(in);
                    Files.deleteIfExists(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
