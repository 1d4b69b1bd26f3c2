package dev.inlet.core;

/**
 * A play the stream core is about to admit, as a {@link PlayAuthorizer} sees it.
 *
 * @param tokenPresented whether the reader presented a valid play token (private streams need one)
 */
public record PlayAttempt(String protocol, String streamCode, String sessionId, String remoteAddress, String app,
                          String client, boolean tokenPresented) {
}
