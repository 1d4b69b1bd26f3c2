package dev.inlet.core;

import java.util.List;
import java.util.Optional;

/**
 * Administration of streams and their keys (what the admin API drives). A key's plaintext exists
 * only in the {@link CreatedKey} returned when it is made; afterwards only its prefix is known.
 */
public interface StreamCatalog {

    /** @throws CatalogException.Conflict if the code is taken; {@code Invalid} if it is not URL-safe */
    StreamRecord createStream(String code, String displayName) throws CatalogException;

    List<StreamRecord> streams();

    Optional<StreamRecord> stream(String code);

    /** Changes what is non-null. @throws CatalogException.NotFound */
    default StreamRecord updateStream(String code, String displayName, Boolean enabled) throws CatalogException {
        return updateStream(code, displayName, enabled, null);
    }

    /** Changes what is non-null; {@code privatePlayback} true makes readers need a play token. @throws CatalogException.NotFound */
    StreamRecord updateStream(String code, String displayName, Boolean enabled, Boolean privatePlayback)
            throws CatalogException;

    /**
     * Sets the stream's own SRT passphrase (10 to 79 characters); empty removes it, so the server-wide one applies
     * again. The next SRT caller of the stream needs it; connected ones keep theirs.
     *
     * @throws CatalogException.NotFound no such stream
     * @throws CatalogException.Invalid  a passphrase SRT does not take
     */
    StreamRecord updateSrtPassphrase(String code, String passphrase) throws CatalogException;

    /** Checks what {@link #updateSrtPassphrase} is given. */
    static void validateSrtPassphrase(String passphrase) throws CatalogException {
        try {
            if (passphrase != null && !passphrase.isEmpty()) {
                StreamEncryption.requireValidPassphrase(passphrase);
            }
        } catch (IllegalArgumentException e) {
            throw new CatalogException.Invalid(e.getMessage());
        }
    }

    /** @return false if there was no such stream */
    boolean deleteStream(String code);

    /** A new key for input {@code priority} (1 = primary). @throws CatalogException.NotFound */
    CreatedKey createKey(String streamCode, int priority) throws CatalogException;

    /** @throws CatalogException.NotFound */
    List<KeyRecord> keys(String streamCode) throws CatalogException;

    /** Disables the key for good. @return the revoked key, empty if there was none */
    Optional<KeyRecord> revokeKey(String streamCode, long keyId);

    /** Replaces a key by a new one for the same input. @throws CatalogException.NotFound */
    CreatedKey rotateKey(String streamCode, long keyId) throws CatalogException;
}
