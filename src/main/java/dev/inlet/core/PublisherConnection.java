package dev.inlet.core;

/** What the stream core needs of a publisher's connection, whatever its protocol: a way to drop it. */
@FunctionalInterface
public interface PublisherConnection {

    /** Closes the connection (kick, takeover, disabled stream); the adapter then ends the publication. */
    void disconnect(String reason);
}
