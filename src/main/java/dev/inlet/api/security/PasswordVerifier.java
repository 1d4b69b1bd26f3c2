package dev.inlet.api.security;

/** Checks a password against a stored hash; {@link PasswordHash#verify} in production, counted in tests. */
@FunctionalInterface
interface PasswordVerifier {

    boolean matches(char[] password, String encodedHash);
}
