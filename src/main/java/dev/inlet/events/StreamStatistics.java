package dev.inlet.events;

import java.time.Instant;

/** Once a second for every live stream. */
public record StreamStatistics(String streamCode, long bytesIn, long framesIn, int players, long framesSkipped,
                               long slowDisconnects, Instant at) {
}
