package dev.inlet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of a log file, for assertion messages that must explain a CI failure on their own. */
final class LogTail {

    private static final int MAX_LINE_LENGTH = 300;

    private LogTail() {
    }

    static String of(Path log, int maxLines) {
        if (!Files.isRegularFile(log)) {
            return "  (no log at " + log + ")";
        }
        Deque<String> last = new ArrayDeque<>(maxLines);
        // ffmpeg rewrites its progress line with carriage returns; split on them too so the tail stays short.
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            lines.flatMap(line -> Stream.of(line.split("\r")))
                    .filter(line -> !line.isBlank())
                    .forEach(line -> {
                        if (last.size() == maxLines) {
                            last.removeFirst();
                        }
                        last.addLast(line);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        last.forEach(line -> text.append("  | ").append(shortened(line)).append('\n'));
        return text.toString();
    }

    /** Some server lines (the JVM arguments) run to thousands of characters; their start is enough. */
    private static String shortened(String line) {
        return line.length() <= MAX_LINE_LENGTH ? line : line.substring(0, MAX_LINE_LENGTH) + " [...]";
    }

    static boolean contains(Path log, String marker) {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1).contains(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
