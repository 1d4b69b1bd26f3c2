package dev.inlet.core;

/** A publish the registry accepted, before the encoder is told: what an authoriser decides on. */
public record PublishAttempt(String streamCode, int priority, String keyPrefix, String remoteAddress, String app,
                             String tcUrl, String flashVer) {
}
