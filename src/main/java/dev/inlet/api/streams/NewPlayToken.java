package dev.inlet.api.streams;

import dev.inlet.api.JsonRequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Body of {@code POST /streams/{code}/play-tokens}: {@code {"ttlSeconds": 3600}} (optional; 1 hour when absent). */
public class NewPlayToken implements JsonRequestBody {

    static final long DEFAULT_TTL_SECONDS = 3600;

    @Min(value = 10, message = "must be at least 10 seconds")
    @Max(value = 30L * 24 * 3600, message = "must be at most 30 days")
    public Long ttlSeconds;

    public NewPlayToken() {
    }

    public NewPlayToken(Long ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    long ttlOrDefault() {
        return ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
    }
}
