package dev.inlet.api.security;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the built-in identity store is set up (MicroProfile Config).
 *
 * @param builtInStore    {@code inlet.security.builtin-store}: authenticate against Inlet's own users. Off by
 *                        default, so that on Payara Server and WildFly the server's realm is used and nothing of
 *                        Inlet shadows it; the embedded launcher turns it on.
 * @param credentialsFile {@code inlet.security.credentials-file}: the hashed users ({@link CredentialsFile})
 * @param adminPassword   {@code inlet.admin.password} (env {@code INLET_ADMIN_PASSWORD}): the password of user
 *                        {@code admin} when the file has no such user; held only as a hash
 */
public record SecuritySettings(boolean builtInStore, Optional<Path> credentialsFile, Optional<String> adminPassword) {

    public static final String BUILTIN_STORE = "inlet.security.builtin-store";
    public static final String CREDENTIALS_FILE = "inlet.security.credentials-file";
    public static final String ADMIN_PASSWORD = "inlet.admin.password";

    public static SecuritySettings fromConfig() {
        Config config = ConfigProvider.getConfig();
        return new SecuritySettings(
                config.getOptionalValue(BUILTIN_STORE, Boolean.class).orElse(false),
                config.getOptionalValue(CREDENTIALS_FILE, String.class).filter(path -> !path.isBlank()).map(Path::of),
                config.getOptionalValue(ADMIN_PASSWORD, String.class).filter(password -> !password.isEmpty()));
    }

    @Override
    public String toString() {
        return "SecuritySettings[builtInStore=" + builtInStore + ", credentialsFile=" + credentialsFile
                + ", adminPassword=" + adminPassword.map(p -> "<set>").orElse("<unset>") + "]";
    }
}
