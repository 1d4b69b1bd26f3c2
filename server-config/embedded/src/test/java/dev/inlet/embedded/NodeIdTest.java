package dev.inlet.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class NodeIdTest {

    @Test
    void theIdIsKeptAcrossStartsInTheDataDirectory(@TempDir Path data) throws Exception {
        Path file = data.resolve(NodeId.FILE);

        String first = NodeId.ensure(file);
        String second = NodeId.ensure(file);

        assertThat(first).isNotBlank().isEqualTo(second);
        assertThat(Files.readString(file).strip()).isEqualTo(first);
    }

    @Test
    void anotherDataDirectoryIsAnotherNode(@TempDir Path a, @TempDir Path b) throws Exception {
        assertThat(NodeId.ensure(a.resolve(NodeId.FILE))).isNotEqualTo(NodeId.ensure(b.resolve(NodeId.FILE)));
    }

    @Test
    void theDataDirectoryAndItsFilesAreOwnerOnly(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("data");
        OwnerOnlyFiles.directory(data);
        Path database = Files.writeString(data.resolve("inlet.mv.db"), "x");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        NodeId.ensure(data.resolve(NodeId.FILE));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(NodeId.FILE))))
                .isEqualTo("rw-------");
    }
}
