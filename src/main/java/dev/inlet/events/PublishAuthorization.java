package dev.inlet.events;

/**
 * Asked before a publish the registry accepted is confirmed to the encoder. A synchronous observer
 * calls {@link #deny} with a reason (the enterprise's own rules); the encoder then receives
 * {@code NetStream.Publish.BadName} with that reason. Observers run off the I/O thread.
 */
public final class PublishAuthorization {

    private final String streamCode;
    private final int priority;
    private final String keyPrefix;
    private final String remoteAddress;
    private final String app;
    private final String tcUrl;
    private final String flashVer;
    private volatile String denial;

    public PublishAuthorization(String streamCode, int priority, String keyPrefix, String remoteAddress, String app,
                                String tcUrl, String flashVer) {
        this.streamCode = streamCode;
        this.priority = priority;
        this.keyPrefix = keyPrefix;
        this.remoteAddress = remoteAddress;
        this.app = app;
        this.tcUrl = tcUrl;
        this.flashVer = flashVer;
    }

    /** Refuses the publish; the first reason given wins. */
    public void deny(String reason) {
        if (denial == null) {
            denial = reason == null || reason.isBlank() ? "publish not authorised" : reason;
        }
    }

    public boolean isDenied() {
        return denial != null;
    }

    /** The reason given to {@link #deny}, or null. */
    public String denial() {
        return denial;
    }

    public String streamCode() {
        return streamCode;
    }

    public int priority() {
        return priority;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String app() {
        return app;
    }

    public String tcUrl() {
        return tcUrl;
    }

    public String flashVer() {
        return flashVer;
    }
}
