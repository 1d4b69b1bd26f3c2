package dev.inlet.api.security;

import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInIdentityStoreTest {

    @TempDir
    Path directory;

    @Test
    void validCredentialsYieldTheUsersRolesAsGroups() {
        BuiltInIdentityStore store = BuiltInIdentityStore.of(Map.of("viewer",
                new StoredUser("viewer", Set.of("inlet-viewer"), PasswordHash.hash("pw".toCharArray(), 1000))));

        CredentialValidationResult result = store.check("viewer", "pw".toCharArray());
        assertThat(result.getStatus()).isEqualTo(CredentialValidationResult.Status.VALID);
        assertThat(result.getCallerPrincipal().getName()).isEqualTo("viewer");
        assertThat(result.getCallerGroups()).containsExactly("inlet-viewer");

        // the second check of the same password is served from memory, and a wrong one still fails
        assertThat(store.check("viewer", "pw".toCharArray()).getStatus()).isEqualTo(CredentialValidationResult.Status.VALID);
        assertThat(store.check("viewer", "wrong".toCharArray()).getStatus()).isEqualTo(CredentialValidationResult.Status.INVALID);
        assertThat(store.check("nobody", "pw".toCharArray()).getStatus()).isEqualTo(CredentialValidationResult.Status.INVALID);
        assertThat(store.check(null, "pw".toCharArray()).getStatus()).isEqualTo(CredentialValidationResult.Status.INVALID);
    }

    @Test
    void anUnknownUserCostsOneVerificationAsCostlyAsAKnownUsers() {
        List<String> checkedHashes = new java.util.concurrent.CopyOnWriteArrayList<>();
        PasswordVerifier counting = (password, hash) -> {
            checkedHashes.add(hash);
            return PasswordHash.verify(password, hash);
        };
        BuiltInIdentityStore store = BuiltInIdentityStore.of(Map.of(
                "viewer", new StoredUser("viewer", Set.of("inlet-viewer"), PasswordHash.hash("pw".toCharArray(), 1000)),
                "admin", new StoredUser("admin", Set.of("inlet-admin"), PasswordHash.hash("pw".toCharArray(), 1200))),
                counting);

        assertThat(store.verify("nobody", "pw".toCharArray())).isEmpty();
        assertThat(store.verify("admin", "wrong".toCharArray())).isEmpty();

        assertThat(checkedHashes).as("one verification each, known user or not").hasSize(2);
        assertThat(PasswordHash.iterations(checkedHashes.get(0)))
                .as("the unknown user's hash costs as much as the costliest real one").isEqualTo(1200);
        assertThat(store.check("nobody", "pw".toCharArray()).getStatus()).isEqualTo(CredentialValidationResult.Status.INVALID);
        assertThat(checkedHashes).as("the in-thread check also verifies an unknown user").hasSize(3);
    }

    @Test
    void withoutUsersAnUnknownUserCostsTheDefaultIterations() {
        List<String> checkedHashes = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuiltInIdentityStore store = BuiltInIdentityStore.of(Map.of(), (password, hash) -> checkedHashes.add(hash) && false);

        assertThat(store.verify("admin", "pw".toCharArray())).isEmpty();
        assertThat(checkedHashes).singleElement()
                .satisfies(hash -> assertThat(PasswordHash.iterations(hash)).isEqualTo(PasswordHash.DEFAULT_ITERATIONS));
    }

    @Test
    void theConfiguredAdminPasswordAddsAnAdminOnlyWhenTheFileHasNone() throws IOException {
        Path file = directory.resolve("credentials");
        CredentialsFile.write(file, List.of(new StoredUser("viewer", Set.of("inlet-viewer"),
                PasswordHash.hash("v".toCharArray(), 1000))));

        Map<String, StoredUser> users = BuiltInIdentityStore.loadUsers(
                new SecuritySettings(true, Optional.of(file), Optional.of("from-config")));
        assertThat(users).containsOnlyKeys("viewer", "admin");
        assertThat(users.get("admin").roles()).containsExactly("inlet-admin");
        assertThat(PasswordHash.verify("from-config".toCharArray(), users.get("admin").passwordHash())).isTrue();

        CredentialsFile.write(file, List.of(new StoredUser("admin", Set.of("inlet-admin"),
                PasswordHash.hash("from-file".toCharArray(), 1000))));
        StoredUser fileAdmin = BuiltInIdentityStore.loadUsers(
                new SecuritySettings(true, Optional.of(file), Optional.of("from-config"))).get("admin");
        assertThat(PasswordHash.verify("from-file".toCharArray(), fileAdmin.passwordHash())).isTrue();
    }

    @Test
    void aMissingFileLeavesOnlyTheConfiguredAdmin() {
        Map<String, StoredUser> users = BuiltInIdentityStore.loadUsers(
                new SecuritySettings(true, Optional.of(directory.resolve("absent")), Optional.empty()));
        assertThat(users).isEmpty();
    }

    @Test
    void basicHeadersAreDecoded() {
        assertThat(BuiltInAuthentication.BasicCredentials.parse("Basic YWRtaW46cDpzcw==")).get()
                .satisfies(c -> {
                    assertThat(c.getCaller()).isEqualTo("admin");
                    assertThat(c.getPasswordAsString()).isEqualTo("p:ss");
                });
        assertThat(BuiltInAuthentication.BasicCredentials.parse("basic YWRtaW46cHc=")).isPresent();
        assertThat(BuiltInAuthentication.BasicCredentials.parse(null)).isEmpty();
        assertThat(BuiltInAuthentication.BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BuiltInAuthentication.BasicCredentials.parse("Basic !!!")).isEmpty();
        assertThat(BuiltInAuthentication.BasicCredentials.parse("Basic bm9jb2xvbg==")).isEmpty();
    }
}
