package dev.inlet.api.security;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the built-in authentication mechanism and identity store unless {@code inlet.security.builtin-store}
 * is on. A Jakarta Security mechanism, once it is a bean, takes over the application's authentication; vetoed,
 * the server's own login configuration (its realm or security domain) authenticates instead.
 */
public class BuiltInSecurityExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(BuiltInSecurityExtension.class.getName());

    private Boolean enabled;

    void mechanism(@Observes ProcessAnnotatedType<BuiltInAuthentication> type) {
        vetoUnlessEnabled(type);
    }

    void store(@Observes ProcessAnnotatedType<BuiltInIdentityStore> type) {
        vetoUnlessEnabled(type);
    }

    private void vetoUnlessEnabled(ProcessAnnotatedType<?> type) {
        if (!enabled()) {
            type.veto();
        }
    }

    private boolean enabled() {
        if (enabled == null) {
            try {
                enabled = SecuritySettings.fromConfig().builtInStore();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read " + SecuritySettings.BUILTIN_STORE + "; the built-in store stays off", e);
                enabled = false;
            }
            LOG.log(Level.INFO, enabled ? "API authentication: Inlet's built-in identity store"
                    : "API authentication: the server's own realm (the built-in store is off)");
        }
        return enabled;
    }
}
