package dev.inlet.edge;

/**
 * The node that publishes a stream's best live input, as the cluster's database says.
 *
 * @param node     its name
 * @param host     where its RTMP listener is reached (its advertised address)
 * @param port     that listener's port
 * @param priority the priority of the input it publishes
 */
public record Origin(String node, String host, int port, int priority) {

    /**
     * Reads an advertised {@code host:port} ({@code [v6]:port} for IPv6).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Origin of(String node, String address, int priority) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + address);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + address);
        }
        return new Origin(node, host, port, priority);
    }
}
