package dev.inlet.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdminCredentialsTest {

    @TempDir
    Path data;

    @Test
    void derivesThePublishedPbkdf2HmacSha256Vector() {
        byte[] derived = AdminCredentials.derive("password".toCharArray(), "salt".getBytes(), 4096, 32);
        assertThat(HexFormat.of().formatHex(derived))
                .isEqualTo("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
        // the same vector in the stored format the application's PasswordHashTest verifies
        assertThat(AdminCredentials.encode(4096, "salt".getBytes(), derived))
                .isEqualTo("pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o");
    }

    @Test
    void generatesAPasswordOnceAndKeepsItsHashOnly() throws Exception {
        Path file = data.resolve(AdminCredentials.FILE);

        AdminCredentials.Outcome first = AdminCredentials.ensure(file, Optional.empty());
        assertThat(first.kind()).isEqualTo(AdminCredentials.Outcome.Kind.GENERATED);
        String password = first.generatedPassword().orElseThrow();
        assertThat(password).hasSize(24);
        String stored = Files.readString(file);
        assertThat(stored).contains("admin:inlet-admin:pbkdf2-sha256$600000$").doesNotContain(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(verify(password, adminHash(file))).isTrue();

        AdminCredentials.Outcome second = AdminCredentials.ensure(file, Optional.empty());
        assertThat(second.kind()).isEqualTo(AdminCredentials.Outcome.Kind.KEPT);
        assertThat(second.generatedPassword()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(stored);
    }

    @Test
    void aConfiguredPasswordReplacesTheStoredOneAndKeepsOtherUsers() throws Exception {
        Path file = data.resolve(AdminCredentials.FILE);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of("viewer:inlet-viewer:pbkdf2-sha256$1$AA$AA", "admin:inlet-admin:pbkdf2-sha256$1$AA$AA"));

        AdminCredentials.Outcome outcome = AdminCredentials.ensure(file, Optional.of("chosen-Pw"));
        assertThat(outcome.kind()).isEqualTo(AdminCredentials.Outcome.Kind.CONFIGURED);
        assertThat(outcome.generatedPassword()).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(2).anyMatch(line -> line.startsWith("viewer:"));
        assertThat(verify("chosen-Pw", adminHash(file))).isTrue();
    }

    private static String adminHash(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(line -> line.startsWith("admin:")).findFirst().orElseThrow()
                .split(":", 3)[2];
    }

    private static boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return java.util.Arrays.equals(expected,
                AdminCredentials.derive(password.toCharArray(), salt, Integer.parseInt(parts[1]), expected.length));
    }
}
