package dev.inlet.core;

import java.time.Instant;

/**
 * An address refused every publish for now because of too many failed ones.
 *
 * @param blocks how many times in a row it has been blocked (each block twice as long as the one before)
 */
public record BlockedAddress(String address, Instant blockedUntil, int blocks) {
}
