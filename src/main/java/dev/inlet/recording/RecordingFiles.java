package dev.inlet.recording;

import dev.inlet.media.MediaFormatException;
import dev.inlet.media.fmp4.FragmentedMp4Index;
import dev.inlet.media.fmp4.FragmentedMp4Reader;
import dev.inlet.media.fmp4.ProgressiveMp4Writer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * The recording directory: a directory per stream, a file per recording ({@code <stream>/<UTC start>-<id>.mp4}),
 * written as {@code .mp4.part} (fragmented) while live and finalised next to it into the progressive {@code .mp4}.
 */
final class RecordingFiles {

    static final String PART = ".part";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What finalising found and wrote. */
    record Finalised(long durationMs, long bytes, String codecs, int width, int height, long truncatedBytes) {
    }

    private final Path directory;

    RecordingFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    /** The final file's name, relative to the directory, for a recording starting now. */
    static String fileFor(String stream, Instant start, String id) {
        return stream + "/" + STAMP.format(start) + "-" + id.substring(0, 8) + ".mp4";
    }

    /** A catalog file name resolved inside the directory; refused if it would lead out of it. */
    Path resolve(String file) {
        Path path = directory.resolve(file).normalize();
        if (!path.startsWith(directory) || path.equals(directory)) {
            throw new IllegalArgumentException("recording file " + file + " is outside " + directory);
        }
        return path;
    }

    Path partOf(String file) {
        Path path = resolve(file);
        return path.resolveSibling(path.getFileName() + PART);
    }

    /**
     * Writes the progressive MP4 from the fragmented file (a temporary file first, synced, then moved into place) and
     * returns what it holds; the fragmented file is left for the caller to delete once the catalog says finished.
     *
     * @throws MediaFormatException if the fragmented file has no init segment or no samples
     */
    Finalised finalise(String file) throws IOException {
        Path part = partOf(file);
        Path target = resolve(file);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            FragmentedMp4Index index = FragmentedMp4Reader.read(in);
            if (index.tracks().isEmpty()) {
                throw new MediaFormatException("no complete fragment in " + part.getFileName());
            }
            long bytes;
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                bytes = ProgressiveMp4Writer.write(index, in, out);
                out.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String codecs = index.tracks().stream().sorted((a, b) -> Boolean.compare(b.isVideo(), a.isVideo()))
                    .map(FragmentedMp4Index.Track::codec).collect(Collectors.joining(","));
            int width = index.video().map(FragmentedMp4Index.Track::width).orElse(0);
            int height = index.video().map(FragmentedMp4Index.Track::height).orElse(0);
            return new Finalised(index.durationMs(), bytes, codecs, width, height, index.truncatedBytes());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Deletes the recording's files (final, fragmented, temporary); true if any existed. */
    boolean delete(String file) throws IOException {
        Path target = resolve(file);
        boolean any = Files.deleteIfExists(target);
        any |= Files.deleteIfExists(partOf(file));
        any |= Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".tmp"));
        return any;
    }
}
