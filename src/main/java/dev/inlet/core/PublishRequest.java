package dev.inlet.core;

import dev.inlet.text.LogText;

/**
 * A publisher asking to be admitted, whatever its protocol.
 *
 * @param protocol      {@code rtmp}, {@code rtmps}, {@code srt}, {@code relay}…
 * @param key           the secret stream key it presented
 * @param sessionId     unique per publish; the id it is listed and kicked by
 * @param remoteAddress the peer's "ip:port"
 * @param app           the application name (RTMP) or an equivalent, may be empty
 * @param tcUrl         the URL the client connected to, may be empty
 * @param client        what the client says it is (RTMP flashVer, SRT library…), may be empty
 */
public record PublishRequest(String protocol, String key, String sessionId, String remoteAddress, String app,
                             String tcUrl, String client) {

    /** What the peer said about itself is escaped where it enters the core, for every protocol alike. */
    public PublishRequest {
        app = LogText.of(app);
        tcUrl = LogText.of(tcUrl);
        client = LogText.of(client);
    }
}
