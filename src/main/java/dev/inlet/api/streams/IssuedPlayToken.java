package dev.inlet.api.streams;

import java.time.Instant;

/**
 * A play token for a stream: append {@code query} to the play URL ({@code rtmp://host/live/<code>?token=…},
 * {@code http://host:8080/live/<code>.flv?token=…}). It works for this stream only, until {@code expiresAt}.
 */
public record IssuedPlayToken(String streamCode, String token, Instant expiresAt, String query, String playPath) {
}
