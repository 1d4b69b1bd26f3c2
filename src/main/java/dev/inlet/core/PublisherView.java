package dev.inlet.core;

import java.time.Instant;

/**
 * A live publisher as administrators and observers see it (never its key: only the key's prefix).
 *
 * @param id connection-scoped session id (use it to kick)
 */
public record PublisherView(String id, String streamCode, int priority, String keyPrefix, String remoteAddress,
                            String app, String flashVer, Instant startedAt, long bytesIn, long messagesIn,
                            String protocol) {
}
