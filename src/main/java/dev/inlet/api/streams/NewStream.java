package dev.inlet.api.streams;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /streams}: {@code {"code": "news", "name": "Evening news"}}. */
public class NewStream {

    /** The public name players play ({@code rtmp://host/live/<code>}); it appears in URLs, so URL-safe. */
    @NotBlank(message = "is required")
    @Pattern(regexp = "[A-Za-z0-9._~-]{1,64}", message = "must be 1 to 64 of A-Z a-z 0-9 . _ ~ -")
    public String code;

    /** Display name; the code when absent. */
    @Size(max = 200, message = "must be at most 200 characters")
    public String name;

    public NewStream() {
    }

    public NewStream(String code, String name) {
        this.code = code;
        this.name = name;
    }
}
