package dev.inlet.core;

import dev.inlet.text.LogText;

/**
 * Who is playing.
 *
 * @param remoteAddress the peer's "ip:port"
 */
public record PlayInfo(String remoteAddress, String app, String flashVer, String streamName) {

    /** Escaped where they enter: sessions lists, events and webhooks show them. */
    public PlayInfo {
        app = LogText.of(app);
        flashVer = LogText.of(flashVer);
        streamName = LogText.of(streamName);
    }
}
