package dev.inlet.api.recordings;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A stream's recording settings and whether it is being recorded now.
 *
 * @param maxAgeHours the retention by age that applies (the stream's own or the server's); null: none
 * @param maxBytes    the retention by size that applies; null: none
 * @param ownRetention whether the stream has its own retention rather than the server's
 */
@JsonbPropertyOrder({"stream", "enabled", "recording", "maxAgeHours", "maxBytes", "ownRetention"})
public record RecordingPolicyView(String stream, boolean enabled, boolean recording, Long maxAgeHours, Long maxBytes,
                                  boolean ownRetention) {
}
