package dev.inlet.relay;

import java.time.Instant;
import java.util.Objects;

/**
 * A stream's relay target as the catalog keeps it.
 *
 * @param id        a random UUID
 * @param key       the target's stream key in clear, for the pusher only; never logged, never returned by the API
 * @param keyPrefix the key's first characters, what administrators see
 */
public record RelayTarget(String id, String stream, String url, String key, String keyPrefix, boolean enabled,
                          Instant created) {

    public RelayTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
    }

    public RelayTarget withEnabled(boolean on) {
        return new RelayTarget(id, stream, url, key, keyPrefix, on, created);
    }

    /** The first 4 characters of a key (fewer of a short one), for listings. */
    public static String prefixOf(String key) {
        return key.substring(0, Math.min(4, key.length() / 2));
    }

    @Override
    public String toString() {
        return "RelayTarget[" + id + ", " + stream + " -> " + url + ", key " + keyPrefix + "…"
                + (enabled ? "" : ", disabled") + "]";
    }
}
