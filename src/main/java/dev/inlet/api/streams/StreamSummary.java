package dev.inlet.api.streams;

import java.time.Instant;

/**
 * A stream in the list: what it is and whether it is live.
 *
 * @param privatePlayback readers need a play token ({@code POST /streams/{code}/play-tokens})
 * @param srtPassphrase   the stream has its own SRT passphrase (never shown); false: the server-wide one, if any
 * @param activePriority  the input feeding players now, 0 if none
 * @param players         readers of every protocol playing now
 * @param bitrateKbps     the live input's bitrate, all tracks together, over the recent window; 0 when not live
 */
public record StreamSummary(String code, String name, boolean enabled, String state, boolean live, Instant created,
                            boolean privatePlayback, boolean srtPassphrase, int activePriority, int players,
                            long bitrateKbps) {
}
