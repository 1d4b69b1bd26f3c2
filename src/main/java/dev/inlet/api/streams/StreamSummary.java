package dev.inlet.api.streams;

import java.time.Instant;

/**
 * A stream in the list: what it is and whether it is live.
 *
 * @param privatePlayback readers need a play token ({@code POST /streams/{code}/play-tokens})
 */
public record StreamSummary(String code, String name, boolean enabled, String state, boolean live, Instant created,
                            boolean privatePlayback) {
}
