package dev.inlet.core;

import dev.inlet.hub.HubStats;

/** A stream with a live publisher and its fan-out counters. */
public record LiveStream(String streamCode, HubStats stats) {
}
