package dev.inlet.registry;

import java.time.Instant;

/**
 * A stream key as administrators see it: never the key, only its prefix.
 *
 * @param priority          the input it feeds: 1 = primary, 2 = backup, …
 * @param lastUsed          when an encoder last published with it, or null
 * @param lastRemoteAddress where that encoder connected from, or null
 */
public record KeyInfo(String id, String streamCode, int priority, String prefix, boolean enabled, Instant created,
                      Instant lastUsed, String lastRemoteAddress) {

    static KeyInfo of(StreamKeyEntity key) {
        return new KeyInfo(key.getId(), key.getStream().getCode(), key.getPriority(), key.getKeyPrefix(),
                key.isEnabled(), key.getCreated(), key.getLastUsed(), key.getLastRemoteAddress());
    }
}
