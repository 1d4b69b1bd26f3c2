package dev.inlet.registry;

import java.time.Instant;

/** A stream as administrators see it. */
public record StreamInfo(String code, String displayName, boolean enabled, Instant created) {

    static StreamInfo of(StreamEntity stream) {
        return new StreamInfo(stream.getCode(), stream.getDisplayName(), stream.isEnabled(), stream.getCreated());
    }
}
