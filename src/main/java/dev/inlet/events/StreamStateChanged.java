package dev.inlet.events;

import java.time.Instant;

/** A stream moved between Idle, Active, Degraded, Exhausted and Disabled. */
public record StreamStateChanged(String streamCode, String from, String to, Instant at) {
}
