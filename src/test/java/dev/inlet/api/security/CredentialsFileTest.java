package dev.inlet.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsFileTest {

    @TempDir
    Path directory;

    @Test
    void writesAndReadsUsersWithTheirRolesOwnerReadableOnly() throws IOException {
        Path file = directory.resolve("security/credentials");
        String hash = PasswordHash.hash("pw".toCharArray(), 1000);
        CredentialsFile.write(file, List.of(new StoredUser("admin", Set.of("inlet-admin"), hash),
                new StoredUser("eve.v", Set.of("inlet-viewer", "auditor"), hash)));

        List<StoredUser> users = CredentialsFile.read(file);
        assertThat(users).extracting(StoredUser::name).containsExactly("admin", "eve.v");
        assertThat(users.get(1).roles()).containsExactlyInAnyOrder("inlet-viewer", "auditor");
        assertThat(users.get(0).passwordHash()).isEqualTo(hash);
        assertThat(Files.readString(file)).doesNotContain("pw:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void skipsCommentsAndBlankLines() throws IOException {
        List<StoredUser> users = CredentialsFile.parse(List.of("# comment", "", "  admin:inlet-admin:pbkdf2-sha256$1$c2FsdA$AA  "), "t");
        assertThat(users).singleElement().extracting(StoredUser::name).isEqualTo("admin");
    }

    @Test
    void namesTheLineThatIsMalformed() {
        assertThatThrownBy(() -> CredentialsFile.parse(List.of("# ok", "admin:inlet-admin:plaintext"), "creds"))
                .isInstanceOf(IOException.class).hasMessageContaining("creds line 2");
        assertThatThrownBy(() -> CredentialsFile.parse(List.of("bad name:inlet-admin:pbkdf2-sha256$1$AA$AA"), "creds"))
                .isInstanceOf(IOException.class);
    }
}
