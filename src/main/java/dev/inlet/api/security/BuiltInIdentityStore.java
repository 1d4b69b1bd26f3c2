package dev.inlet.api.security;

import dev.inlet.api.Roles;
import dev.inlet.text.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Inlet's own users, for servers without a realm of their own (the embedded launcher): read from the
 * credentials file, plus user {@code admin} from {@code inlet.admin.password} when the file has none.
 * Only active when {@code inlet.security.builtin-store} is on (see {@link BuiltInSecurityExtension}).
 *
 * <p>Checking is split in two so that {@link BuiltInAuthentication} can run the slow part on its bounded pool:
 * {@link #recentlyVerified} (memory only) and {@link #verify} (one PBKDF2 derivation, for an unknown user too,
 * against an unmatchable hash of the same cost, so that the time taken does not tell which names exist).
 */
@ApplicationScoped
public class BuiltInIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(BuiltInIdentityStore.class.getName());
    static final String ADMIN_USER = "admin";

    private Map<String, StoredUser> users = Map.of();
    private String unknownUserHash = PasswordHash.unmatchable(PasswordHash.DEFAULT_ITERATIONS);
    private PasswordVerifier verifier = PasswordHash::verify;
    private final VerifiedPasswords verified = new VerifiedPasswords();

    @PostConstruct
    void load() {
        useUsers(loadUsers(SecuritySettings.fromConfig()));
        LOG.log(Level.INFO, "built-in identity store: {0} user(s) {1}", new Object[]{users.size(),
                users.keySet().stream().map(LogText::of).toList()});
    }

    private void useUsers(Map<String, StoredUser> loaded) {
        users = Map.copyOf(loaded);
        // as costly as the costliest real user, so that no existing name answers slower than an unknown one
        int iterations = users.values().stream().mapToInt(u -> PasswordHash.iterations(u.passwordHash()))
                .max().orElse(0);
        unknownUserHash = PasswordHash.unmatchable(iterations > 0 ? iterations : PasswordHash.DEFAULT_ITERATIONS);
    }

    static Map<String, StoredUser> loadUsers(SecuritySettings settings) {
        Map<String, StoredUser> loaded = new ConcurrentHashMap<>();
        settings.credentialsFile().ifPresent(file -> {
            if (!Files.isRegularFile(file)) {
                LOG.log(Level.WARNING, "credentials file {0} does not exist", file);
                return;
            }
            try {
                List<StoredUser> read = CredentialsFile.read(file);
                loaded.putAll(read.stream().collect(Collectors.toMap(StoredUser::name, Function.identity(), (a, b) -> b)));
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "cannot read the credentials file; its users cannot log in", e);
            }
        });
        if (!loaded.containsKey(ADMIN_USER)) {
            settings.adminPassword().ifPresent(password -> loaded.put(ADMIN_USER,
                    new StoredUser(ADMIN_USER, Set.of(Roles.ADMIN), PasswordHash.hash(password.toCharArray()))));
        }
        if (loaded.isEmpty()) {
            LOG.warning("the built-in identity store has no users: set " + SecuritySettings.ADMIN_PASSWORD
                    + " or " + SecuritySettings.CREDENTIALS_FILE);
        }
        return Map.copyOf(loaded);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return check(login.getCaller(), login.getPassword().getValue());
    }

    /** Checks in the calling thread: from memory when possible, else by {@link #verify}. */
    CredentialValidationResult check(String name, char[] password) {
        return recentlyVerified(name, password).or(() -> verify(name, password))
                .map(user -> new CredentialValidationResult(user.name(), user.roles()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    // public, as is verify: called through the bean's client proxy, and a proxy forwards only public methods

    /** The user, when this password checked out for them within the last minutes; cheap, no hashing. */
    public Optional<StoredUser> recentlyVerified(String name, char[] password) {
        StoredUser user = name == null ? null : users.get(name);
        return user != null && verified.recentlyVerified(user, password) ? Optional.of(user) : Optional.empty();
    }

    /**
     * The user, when the password matches their stored hash. Always one full verification, whether the user
     * exists or not: an unknown name is checked against an unmatchable hash of the same cost.
     */
    public Optional<StoredUser> verify(String name, char[] password) {
        StoredUser user = name == null ? null : users.get(name);
        boolean matches = verifier.matches(password, user == null ? unknownUserHash : user.passwordHash());
        if (user == null || !matches) {
            return Optional.empty();
        }
        verified.remember(user, password);
        return Optional.of(user);
    }

    /** For tests: a store over given users. */
    static BuiltInIdentityStore of(Map<String, StoredUser> users) {
        return of(users, PasswordHash::verify);
    }

    /** For tests: a store over given users whose hashes are checked by {@code verifier}. */
    static BuiltInIdentityStore of(Map<String, StoredUser> users, PasswordVerifier verifier) {
        BuiltInIdentityStore store = new BuiltInIdentityStore();
        store.useUsers(users);
        store.verifier = verifier;
        return store;
    }
}
