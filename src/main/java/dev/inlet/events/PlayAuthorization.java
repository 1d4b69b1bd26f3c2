package dev.inlet.events;

/**
 * Asked before any reader (RTMP, HTTP-FLV, and later HLS, SRT…) is admitted to a stream. A synchronous observer
 * calls {@link #deny} with a reason (the enterprise's own rules); the player then receives
 * {@code NetStream.Play.Failed} (RTMP) or a 403 problem document (HTTP) with that reason. Observers run off the I/O
 * thread, on the managed executor; the reader waits for the answer, no other connection does.
 */
public final class PlayAuthorization {

    private final String protocol;
    private final String streamCode;
    private final String sessionId;
    private final String remoteAddress;
    private final String app;
    private final String client;
    private final boolean tokenPresented;
    private volatile String denial;

    public PlayAuthorization(String protocol, String streamCode, String sessionId, String remoteAddress, String app,
                             String client, boolean tokenPresented) {
        this.protocol = protocol;
        this.streamCode = streamCode;
        this.sessionId = sessionId;
        this.remoteAddress = remoteAddress;
        this.app = app;
        this.client = client;
        this.tokenPresented = tokenPresented;
    }

    /** Refuses the play; the first reason given wins. */
    public void deny(String reason) {
        if (denial == null) {
            denial = reason == null || reason.isBlank() ? "play not authorised" : reason;
        }
    }

    public boolean isDenied() {
        return denial != null;
    }

    /** The reason given to {@link #deny}, or null. */
    public String denial() {
        return denial;
    }

    /** {@code rtmp}, {@code rtmps} or {@code http-flv}. */
    public String protocol() {
        return protocol;
    }

    public String streamCode() {
        return streamCode;
    }

    /** The id the reader will be listed and kicked by (and that its PlayerConnected event carries). */
    public String sessionId() {
        return sessionId;
    }

    /** The reader's "ip:port". */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The RTMP application, or {@code http-flv}. */
    public String app() {
        return app;
    }

    /** What the client says it is: RTMP flashVer or the HTTP User-Agent (escaped). */
    public String client() {
        return client;
    }

    /** Whether the reader presented a valid play token for this stream. */
    public boolean tokenPresented() {
        return tokenPresented;
    }
}
