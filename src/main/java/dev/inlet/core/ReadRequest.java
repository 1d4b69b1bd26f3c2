package dev.inlet.core;

import dev.inlet.text.LogText;

/**
 * A reader (player, muxer, recorder, relay) asking to be admitted to a stream, whatever its protocol.
 *
 * @param protocol   {@code rtmp}, {@code http-flv}, {@code hls}, {@code srt}…
 * @param streamName the stream's public code
 * @param token      the play token it presented, or null
 * @param sessionId  unique per reader; the id it is listed and kicked by
 * @param info       who is playing (address, app, client), as the play function and observers see it
 */
public record ReadRequest(String protocol, String streamName, String token, String sessionId, PlayInfo info) {

    /** The name is the peer's: escaped, it is logged when refused. A real stream code has nothing to escape. */
    public ReadRequest {
        streamName = LogText.of(streamName);
    }
}
