package dev.inlet.cluster;

/**
 * An address a node blocked for failed publishes, shared with every node until it expires.
 *
 * @param until epoch milliseconds
 * @param node  the node that blocked it
 */
public record SharedBlock(String address, long until, int blocks, String node) {
}
