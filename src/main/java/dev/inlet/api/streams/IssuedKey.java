package dev.inlet.api.streams;

import dev.inlet.core.CreatedKey;

import java.time.Instant;

/**
 * A key just issued. {@code key} is the secret the encoder publishes with; this response is the only time it
 * is ever shown (Inlet keeps a hash), so the caller must keep it.
 */
public record IssuedKey(long id, String streamCode, int priority, String prefix, boolean enabled, Instant created,
                        String key, String publishPath) {

    static IssuedKey of(CreatedKey created) {
        var record = created.key();
        return new IssuedKey(record.id(), record.streamCode(), record.priority(), record.prefix(), record.enabled(),
                record.created(), created.plaintext(), "live/" + created.plaintext());
    }

    @Override
    public String toString() {
        return "IssuedKey[" + id + ", " + streamCode + ", priority " + priority + ", prefix " + prefix + "]";
    }
}
