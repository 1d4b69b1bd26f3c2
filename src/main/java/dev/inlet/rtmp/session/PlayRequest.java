package dev.inlet.rtmp.session;

/**
 * A {@code play} command.
 *
 * @param name  the stream name exactly as sent (may carry a {@code ?query})
 * @param start seconds; -2 live or recorded, -1 live only, ≥ 0 recorded from that point
 */
public record PlayRequest(int streamId, String name, double start, double duration, boolean reset,
                          ConnectRequest connection) {
}
