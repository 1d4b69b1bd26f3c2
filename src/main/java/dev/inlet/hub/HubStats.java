package dev.inlet.hub;

/**
 * Counters of one stream's fan-out since its publish started.
 *
 * @param framesSkipped    frames not sent to players that were behind (summed over players)
 * @param slowDisconnects  players disconnected for staying behind too long
 */
public record HubStats(int subscribers, long framesIn, long bytesIn, long framesSkipped, long slowDisconnects) {
}
