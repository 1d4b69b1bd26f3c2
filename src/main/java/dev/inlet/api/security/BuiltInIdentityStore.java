package dev.inlet.api.security;

import dev.inlet.api.Roles;
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
 */
@ApplicationScoped
public class BuiltInIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(BuiltInIdentityStore.class.getName());
    static final String ADMIN_USER = "admin";

    private Map<String, StoredUser> users = Map.of();
    private final VerifiedPasswords verified = new VerifiedPasswords();

    @PostConstruct
    void load() {
        users = loadUsers(SecuritySettings.fromConfig());
        LOG.log(Level.INFO, "built-in identity store: {0} user(s) {1}", new Object[]{users.size(), users.keySet()});
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

    CredentialValidationResult check(String name, char[] password) {
        StoredUser user = name == null ? null : users.get(name);
        if (user == null) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (verified.recentlyVerified(user, password) || PasswordHash.verify(password, user.passwordHash())) {
            verified.remember(user, password);
            return new CredentialValidationResult(user.name(), user.roles());
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    /** For tests: a store over given users. */
    static BuiltInIdentityStore of(Map<String, StoredUser> users) {
        BuiltInIdentityStore store = new BuiltInIdentityStore();
        store.users = Map.copyOf(users);
        return store;
    }
}
