package dev.inlet.api.security;

import java.util.Set;

/** A user of the built-in identity store: name, roles, and the password's hash (never the password). */
public record StoredUser(String name, Set<String> roles, String passwordHash) {

    public StoredUser {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "StoredUser[" + name + ", roles=" + roles + "]";
    }
}
