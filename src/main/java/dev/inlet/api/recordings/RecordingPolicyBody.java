package dev.inlet.api.recordings;

import dev.inlet.api.JsonRequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /streams/{code}/recording}: {@code {"enabled": true}}, optionally with the stream's own
 * retention ({@code "maxAgeHours": 168}, {@code "maxBytes": 50000000000}); without them the server's default applies.
 */
public class RecordingPolicyBody implements JsonRequestBody {

    @NotNull(message = "is required (true or false)")
    public Boolean enabled;

    @Min(value = 1, message = "must be at least 1 hour")
    @Max(value = 24L * 365 * 100, message = "must be at most 100 years")
    public Long maxAgeHours;

    @Min(value = 1, message = "must be positive")
    public Long maxBytes;

    public RecordingPolicyBody() {
    }
}
