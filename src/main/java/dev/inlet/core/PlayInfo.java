package dev.inlet.core;

/**
 * Who is playing.
 *
 * @param remoteAddress the peer's "ip:port"
 */
public record PlayInfo(String remoteAddress, String app, String flashVer, String streamName) {
}
