package dev.inlet.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Keeps the data directory and the files directly in it readable by their owner only (700 and 600):
 * they hold key and password hashes. run.sh also sets umask 077, so files H2 and Payara create later are
 * owner-only from the start; this covers a launcher started without it and directories made before.
 */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    static void directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    static void filesIn(Path dir) throws IOException {
        if (!posix()) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : (Iterable<Path>) entries.filter(Files::isRegularFile)::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
