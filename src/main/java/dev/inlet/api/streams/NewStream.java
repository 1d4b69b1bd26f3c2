package dev.inlet.api.streams;

import dev.inlet.api.JsonRequestBody;
import dev.inlet.core.StreamCodes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /streams}: {@code {"code": "news", "name": "Evening news"}}. */
public class NewStream implements JsonRequestBody {

    /** The public name players play ({@code rtmp://host/live/<code>}); it appears in URLs, so URL-safe. */
    @NotBlank(message = "is required")
    @Pattern(regexp = StreamCodes.PATTERN, message = "must be " + StreamCodes.DESCRIPTION)
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
