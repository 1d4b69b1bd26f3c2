package dev.inlet.core;

import java.time.Duration;

/**
 * Bounds on what connections may take from the server beyond the basic timeouts of {@link RtmpSettings};
 * each hit closes only the connection concerned, with a logged reason and a counted one.
 *
 * @param maxChunkSize        largest chunk size a peer may announce ({@code chunk_size_too_large})
 * @param maxConnections      open connections at most, RTMP and RTMPS together ({@code too_many_connections})
 * @param maxConnectionsPerIp open connections at most from one address ({@code too_many_connections_from_ip})
 * @param playerAckTimeout    a player silent this long while more than two acknowledgement windows were sent
 *                            to it is closed ({@code player_ack_timeout}); zero disables
 * @param commandsPerSecond   commands a connection may send per second on average ({@code command_flood});
 *                            zero disables
 * @param commandBurst        commands a connection may send at once
 * @param maxPlayersPerStream players one stream may have, 0 for no limit ({@code NetStream.Play.Failed})
 * @param maxPlayers          players the whole server may have, 0 for no limit ({@code NetStream.Play.Failed})
 */
public record ResourceLimits(int maxChunkSize, int maxConnections, int maxConnectionsPerIp, Duration playerAckTimeout,
                             int commandsPerSecond, int commandBurst, int maxPlayersPerStream, int maxPlayers) {

    public static ResourceLimits defaults() {
        return new ResourceLimits(16 * 1024 * 1024, 5000, 1000, Duration.ofSeconds(30), 20, 40, 2000, 10_000);
    }

    public ResourceLimits withConnections(int total, int perIp) {
        return new ResourceLimits(maxChunkSize, total, perIp, playerAckTimeout, commandsPerSecond, commandBurst,
                maxPlayersPerStream, maxPlayers);
    }

    public ResourceLimits withCommandsPerSecond(int perSecond, int burst) {
        return new ResourceLimits(maxChunkSize, maxConnections, maxConnectionsPerIp, playerAckTimeout, perSecond, burst,
                maxPlayersPerStream, maxPlayers);
    }

    public ResourceLimits withPlayerAckTimeout(Duration timeout) {
        return new ResourceLimits(maxChunkSize, maxConnections, maxConnectionsPerIp, timeout, commandsPerSecond,
                commandBurst, maxPlayersPerStream, maxPlayers);
    }

    public ResourceLimits withPlayers(int perStream, int total) {
        return new ResourceLimits(maxChunkSize, maxConnections, maxConnectionsPerIp, playerAckTimeout, commandsPerSecond,
                commandBurst, perStream, total);
    }
}
