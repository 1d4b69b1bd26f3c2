package dev.inlet.rtmp.session;

/**
 * A {@code publish} command.
 *
 * @param name        the publishing name exactly as sent (may carry a {@code ?query})
 * @param publishType "live", "record" or "append"
 */
public record PublishRequest(int streamId, String name, String publishType, ConnectRequest connection) {
}
