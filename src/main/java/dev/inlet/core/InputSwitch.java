package dev.inlet.core;

import java.time.Instant;

/**
 * Players of a stream moved from one input to another.
 *
 * @param fromPriority 0 when no input was feeding players before
 * @param reason       {@code error} (the input failed), {@code timeout} (it went silent), {@code unpublish}
 *                     (it stopped cleanly), {@code failback} (a higher-priority input returned),
 *                     {@code reconnect} (the stream resumed after all inputs were gone), {@code manual}
 */
public record InputSwitch(Instant at, int fromPriority, int toPriority, String reason) {
}
