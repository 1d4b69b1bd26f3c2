package dev.inlet.api;

/**
 * A request body of the API, read by {@link StrictJsonBodyReader} rather than by JSON-B: its public instance
 * fields are its JSON members, each {@code String}, {@code Boolean}, {@code Integer} or {@code Long}
 * ({@link StrictJsonFields}). The class needs a public no-argument constructor.
 */
public interface JsonRequestBody {
}
