package dev.inlet.core;

/**
 * Proof that one publisher holds a slot. Handed back to {@link Registry#release} when the publish
 * ends.
 *
 * @param keyPrefix the key's short non-secret prefix, for logs and lists
 * @param sessionId identifies the publishing connection
 */
public record Lease(StreamSlot slot, String keyPrefix, String sessionId, String remoteAddress) {
}
