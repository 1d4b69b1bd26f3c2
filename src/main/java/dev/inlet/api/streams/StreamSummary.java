package dev.inlet.api.streams;

import java.time.Instant;

/**
 * A stream in the list: what it is and whether it is live.
 *
 * @param privatePlayback readers need a play token ({@code POST /streams/{code}/play-tokens})
 * @param srtPassphrase   the stream has its own SRT passphrase (never shown); false: the server-wide one, if any
 */
public record StreamSummary(String code, String name, boolean enabled, String state, boolean live, Instant created,
                            boolean privatePlayback, boolean srtPassphrase) {
}
