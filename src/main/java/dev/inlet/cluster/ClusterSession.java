package dev.inlet.cluster;

/**
 * A live publisher or player of some node, as that node last wrote it.
 *
 * @param priority  the input of a publisher; 0 for a player
 * @param keyPrefix the first characters of a publisher's key; null for a player
 * @param startedAt epoch milliseconds
 * @param bytes     received from a publisher, sent to a player
 * @param updatedAt when the node wrote it, epoch milliseconds
 */
public record ClusterSession(String nodeId, String sessionId, Role role, String streamCode, String protocol,
                             String remoteAddress, int priority, String keyPrefix, long startedAt, long bytes,
                             long updatedAt) {

    public enum Role { PUBLISHER, PLAYER }
}
