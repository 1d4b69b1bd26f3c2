package dev.inlet.cluster;

/**
 * The node a stream's best live input is published on, as the database says.
 *
 * @param node        its name
 * @param rtmpAddress the {@code host:port} it advertises for edge pulls
 * @param priority    the priority of that input
 */
public record ClusterOrigin(String node, String rtmpAddress, int priority) {
}
