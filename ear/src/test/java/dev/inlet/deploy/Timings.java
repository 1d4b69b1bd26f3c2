package dev.inlet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Wall-clock durations of the slow steps (start, deploy, ...), printed and kept in a file for the record. */
final class Timings {

    private final String serverName;
    private final List<String> lines = new ArrayList<>();

    Timings(String serverName) {
        this.serverName = serverName;
    }

    void measure(String step, Runnable action) {
        long started = System.nanoTime();
        boolean completed = false;
        try {
            action.run();
            completed = true;
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            String line = String.format("[%s] %-16s %6d ms%s", serverName, step, millis, completed ? "" : " (failed)");
            System.out.println(line);
            synchronized (lines) {
                lines.add(line);
            }
        }
    }

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            synchronized (lines) {
                Files.write(file, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
